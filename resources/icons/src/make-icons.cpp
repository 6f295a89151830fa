// Draws the lab's action icons (64 px PNGs) with QPainter: shapes that read without colour.
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
int main(int argc, char **argv) {
    QGuiApplication app(argc, argv);
    const QString dir = argv[1];
    struct I {
        const char *name;
        const char *glyph;
        QRgb colour;
    };
    const I icons[] = {
        {"start", "▶", 0x0072B2},         {"kill", "■", 0x555555},
        {"hang", "||", 0xE69F00},         {"slow", "◔", 0xE69F00},
        {"flap", "◑", 0xCC79A7},          {"firewall", "▥", 0xD55E00},
        {"error", "!", 0xD55E00},         {"heal", "✚", 0x009E73},
        {"run", "▶", 0x009E73},           {"stop", "■", 0x555555},
        {"delete", "✖", 0xD55E00},        {"restart", "↻", 0x0072B2},
        {"apply", "✔", 0x009E73},         {"add", "+", 0x0072B2},
        {"open", "⇪", 0x0072B2},          {"export", "⤓", 0x0072B2},
        {"pause", "||", 0x0072B2},        {"resume", "▶", 0x0072B2},
        {"zoom-in", "+", 0x000000},       {"zoom-out", "−", 0x000000},
        {"zoom-reset", "1", 0x000000},    {"quit", "✕", 0x555555},
        {"partition", "⇹", 0xD55E00},     {"revert", "↺", 0x0072B2},
        {"restart-empty", "↻", 0xD55E00},
    };
    for (const I &i : icons) {
        QImage img(64, 64, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        QFont f("DejaVu Sans");
        f.setPixelSize(48);
        f.setBold(true);
        p.setFont(f);
        p.setPen(QColor::fromRgb(i.colour));
        if (QByteArray(i.glyph) == "||") { // DejaVu has no pause sign (U+23F8): two bars
            p.setPen(Qt::NoPen);
            p.setBrush(QColor::fromRgb(i.colour));
            p.drawRoundedRect(QRectF(14, 10, 13, 44), 3, 3);
            p.drawRoundedRect(QRectF(37, 10, 13, 44), 3, 3);
        } else {
            p.drawText(QRect(0, 0, 64, 64), Qt::AlignCenter, QString::fromUtf8(i.glyph));
        }
        if (QByteArray(i.name).startsWith("zoom")) { // a lens around the sign
            p.setPen(QPen(Qt::black, 5));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(QPointF(28, 28), 20, 20);
            p.drawLine(QPointF(42, 42), QPointF(60, 60));
        }
        img.save(dir + "/" + i.name + ".png");
    }
    // The application icon: a server pulling (left arrow) and a job pushing (right arrow).
    for (int size : {256}) {
        QImage img(size, size, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 256.0, size / 256.0);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xE6, 0x52, 0x2C)); // Prometheus-ish orange
        p.drawRoundedRect(QRectF(8, 8, 240, 240), 40, 40);
        p.setBrush(Qt::white);
        QPainterPath pull; // ← upper arrow
        pull.moveTo(40, 90);
        pull.lineTo(90, 50);
        pull.lineTo(90, 75);
        pull.lineTo(210, 75);
        pull.lineTo(210, 105);
        pull.lineTo(90, 105);
        pull.lineTo(90, 130);
        pull.closeSubpath();
        p.drawPath(pull);
        p.setBrush(QColor(0x1A, 0x1A, 0x1A));
        QPainterPath push; // → lower arrow
        push.moveTo(216, 176);
        push.lineTo(166, 136);
        push.lineTo(166, 161);
        push.lineTo(46, 161);
        push.lineTo(46, 191);
        push.lineTo(166, 191);
        push.lineTo(166, 216);
        push.closeSubpath();
        p.drawPath(push);
        img.save(dir + "/pullpush-lab.png");
    }
    return 0;
}
