#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QPen>
#include <QString>

namespace ppl {

// Colours chosen to stay apart for the common colour-vision deficiencies (Okabe & Ito's
// palette). State is never told by colour alone: each state also has a symbol and a word,
// and series beyond the seventh change dash pattern as well as colour.
class LabPalette {
    Q_DECLARE_TR_FUNCTIONS(ppl::LabPalette)
public:
    enum class State { Up, Down, Unknown, Hung, Killed, Warning };

    // An action icon drawn by resources/icons/src/make-icons.cpp (":/icons/NAME.png").
    static QIcon icon(const char *name);
    static QColor seriesColor(int index);
    static Qt::PenStyle seriesDash(int index);
    static QPen seriesPen(int index, qreal width = 2);

    static QColor stateColor(State state);
    static QString stateSymbol(State state); // a shape that reads without colour
    static QString stateText(State state);   // translated word
    // Symbol and word together, e.g. "▲ up", for tables and tooltips.
    static QString stateLabel(State state) { return stateSymbol(state) + u' ' + stateText(state); }

    // Outcome colours for timeline marks (accepted / rejected), also paired with shapes there.
    static QColor okColor() { return stateColor(State::Up); }
    static QColor failColor() { return stateColor(State::Down); }
};

} // namespace ppl
