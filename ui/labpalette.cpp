#include "labpalette.h"

#include <array>

namespace ppl {

namespace {

// Okabe-Ito, without the yellow that vanishes on white at projector brightness.
constexpr std::array<QRgb, 7> SeriesColors = {
    0x0072B2, // blue
    0xE69F00, // orange
    0x009E73, // bluish green
    0xCC79A7, // reddish purple
    0x56B4E9, // sky blue
    0xD55E00, // vermillion
    0x000000, // black
};

constexpr std::array<Qt::PenStyle, 4> Dashes = {Qt::SolidLine, Qt::DashLine, Qt::DotLine,
                                                Qt::DashDotLine};

} // namespace

QColor LabPalette::seriesColor(int index) {
    return QColor::fromRgb(SeriesColors[size_t(index) % SeriesColors.size()]);
}

Qt::PenStyle LabPalette::seriesDash(int index) {
    return Dashes[(size_t(index) / SeriesColors.size()) % Dashes.size()];
}

QIcon LabPalette::icon(const char *name) {
    return QIcon(QStringLiteral(":/icons/%1.png").arg(QLatin1String(name)));
}

QPen LabPalette::seriesPen(int index, qreal width) {
    QPen pen(seriesColor(index), width, seriesDash(index));
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

QColor LabPalette::stateColor(State state) {
    switch (state) {
    case State::Up:
        return QColor::fromRgb(0x0072B2); // blue, not green: blue/orange survives deuteranopia
    case State::Down:
        return QColor::fromRgb(0xD55E00); // vermillion
    case State::Hung:
        return QColor::fromRgb(0xE69F00); // orange
    case State::Killed:
        return QColor::fromRgb(0x808080); // grey
    case State::Warning:
        return QColor::fromRgb(0xCC79A7);
    case State::Unknown:
        break;
    }
    return QColor::fromRgb(0x999999);
}

QString LabPalette::stateSymbol(State state) {
    switch (state) {
    case State::Up:
        return QStringLiteral("▲");
    case State::Down:
        return QStringLiteral("✖");
    case State::Hung:
        return QStringLiteral("‖"); // ⏸ (U+23F8) is missing from DejaVu, Debian's default font
    case State::Killed:
        return QStringLiteral("■");
    case State::Warning:
        return QStringLiteral("!");
    case State::Unknown:
        break;
    }
    return QStringLiteral("?");
}

QString LabPalette::stateText(State state) {
    switch (state) {
    case State::Up:
        return tr("up");
    case State::Down:
        return tr("down");
    case State::Hung:
        return tr("hung");
    case State::Killed:
        return tr("killed");
    case State::Warning:
        return tr("warning");
    case State::Unknown:
        break;
    }
    return tr("unknown");
}

} // namespace ppl
