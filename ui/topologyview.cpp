#include "topologyview.h"

#include "lab/lab.h"
#include "labpalette.h"
#include "rules/rulemanager.h"
#include "scrape/scrapemanager.h"
#include "scrape/targetdiscovery.h"
#include "subjecttext.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QJsonObject>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPathStroker>
#include <QResizeEvent>
#include <QUrl>
#include <QtMath>

#include <algorithm>
#include <cmath>

namespace ppl {

namespace {

// Sizes at zoom 1, in scene units (= pixels at the view's scale 1).
constexpr qreal TargetW = 200, BigW = 220;
constexpr qreal GapMain = 44, GapCross = 16, GapColumn = 90;
// Shrink a big topology (never below legibility, then scroll); grow a small one to fill its
// pane, as far as a projector needs (boxes twice their size), not to poster size.
constexpr qreal MinFit = 0.4, MaxFit = 2.0;
constexpr qint64 ArrowHoldMs = 2500, ArrowGoneMs = 6000; // a push stays, then fades
constexpr qint64 ScrapeTripMs = 700, PushTripMs = 600;
constexpr size_t MaxPulses = 400; // 100 targets at 1 s need ~100; beyond, skip

QColor greyText() {
    return QColor(0x70, 0x70, 0x70);
}

// Where the segment from r's centre towards p leaves r.
QPointF edgePoint(const QRectF &r, const QPointF &p) {
    const QPointF c = r.center();
    const QPointF d = p - c;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return c;
    const qreal tx = qFuzzyIsNull(d.x()) ? 1e9 : (r.width() / 2) / std::abs(d.x());
    const qreal ty = qFuzzyIsNull(d.y()) ? 1e9 : (r.height() / 2) / std::abs(d.y());
    return c + d * std::min({tx, ty, qreal(1)});
}

} // namespace

// A node: a box (a pill for pods) with a bold title, a line of state in words and symbols,
// and an optional badge ("pod"). Painted once into the device cache; dots fly over it.
class TopologyNodeItem : public QGraphicsItem {
public:
    TopologyNodeItem(const QSizeF &size, qreal zoom)
        : m_size(size)
        , m_zoom(zoom) {
        setCacheMode(DeviceCoordinateCache);
    }
    QRectF boundingRect() const override {
        const qreal m = m_zoom * 3;
        return QRectF(QPointF(0, 0), m_size).adjusted(-m, -m, m, m);
    }
    QRectF box() const { return QRectF(QPointF(0, 0), m_size); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override {
        p->setRenderHint(QPainter::Antialiasing);
        QPen pen(border, borderWidth * m_zoom, borderStyle);
        pen.setJoinStyle(Qt::RoundJoin);
        p->setPen(pen);
        p->setBrush(fill);
        const QRectF r = box();
        const qreal radius = pill ? r.height() / 2 : 6 * m_zoom;
        p->drawRoundedRect(r, radius, radius);
        const qreal padX = (pill ? r.height() / 3 : 8 * m_zoom);
        const qreal padY = 5 * m_zoom;
        qreal textW = r.width() - 2 * padX;
        if (!badge.isEmpty()) {
            // A dark badge with light text: "pod" reads without colour.
            const QFontMetricsF fm(textFont);
            const qreal bw = fm.horizontalAdvance(badge) + 8 * m_zoom;
            const QRectF b(r.right() - padX - bw, padY + 1 * m_zoom, bw, fm.height() + 2 * m_zoom);
            p->setPen(Qt::NoPen);
            p->setBrush(text);
            p->drawRoundedRect(b, b.height() / 2, b.height() / 2);
            p->setPen(fill.color().lightness() > 128 ? fill.color() : QColor(Qt::white));
            p->setFont(textFont);
            p->drawText(b, Qt::AlignCenter, badge);
            textW -= bw + 4 * m_zoom;
        }
        p->setPen(text);
        p->setFont(titleFont);
        const QFontMetricsF tf(titleFont);
        p->drawText(QPointF(padX, padY + tf.ascent()),
                    tf.elidedText(title, Qt::ElideMiddle, textW));
        p->setFont(textFont);
        const QFontMetricsF sf(textFont);
        const qreal line2 = padY + tf.height() + 3 * m_zoom;
        p->drawText(QPointF(padX, line2 + sf.ascent()),
                    sf.elidedText(subtitle, Qt::ElideRight, r.width() - 2 * padX));
        if (!detail.isEmpty())
            p->drawText(QPointF(padX, line2 + sf.height() + sf.ascent()),
                        sf.elidedText(detail, Qt::ElideRight, r.width() - 2 * padX));
    }
    void changed() { update(); }

    QString title, subtitle, detail, badge; // detail: a third line (pods: scraped or not)
    QFont titleFont, textFont;
    QBrush fill;
    QColor border, text;
    Qt::PenStyle borderStyle = Qt::SolidLine;
    qreal borderWidth = 1.5;
    bool pill = false;

private:
    QSizeF m_size;
    qreal m_zoom;
};

// A hung target's halo: an orange dashed ring whose opacity pulses (the node keeps its cache).
class TopologyHaloItem : public QGraphicsItem {
public:
    TopologyHaloItem(const QRectF &rect, qreal zoom)
        : m_rect(rect.adjusted(-6 * zoom, -6 * zoom, 6 * zoom, 6 * zoom))
        , m_zoom(zoom) {}
    QRectF boundingRect() const override {
        return m_rect.adjusted(-4 * m_zoom, -4 * m_zoom, 4 * m_zoom, 4 * m_zoom);
    }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override {
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(QPen(LabPalette::stateColor(LabPalette::State::Hung), 5 * m_zoom, Qt::DashLine));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(m_rect, 10 * m_zoom, 10 * m_zoom);
    }

private:
    QRectF m_rect;
    qreal m_zoom;
};

// A firewall: a brick wall between the server and the target (reads without colour).
class TopologyWallItem : public QGraphicsItem {
public:
    TopologyWallItem(const QRectF &rect, qreal zoom)
        : m_rect(rect)
        , m_zoom(zoom) {}
    QRectF boundingRect() const override {
        return m_rect.adjusted(-m_zoom, -m_zoom, m_zoom, m_zoom);
    }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override {
        p->setPen(QPen(Qt::black, 1 * m_zoom));
        p->setBrush(LabPalette::stateColor(LabPalette::State::Down));
        p->drawRect(m_rect);
        // Mortar lines: rows of bricks, every other row offset by half a brick.
        const qreal rowH = 7 * m_zoom;
        const qreal brickW = m_rect.width() / 2;
        p->setPen(QPen(Qt::white, 1.2 * m_zoom));
        int row = 0;
        for (qreal y = m_rect.top() + rowH; y < m_rect.bottom(); y += rowH, ++row)
            p->drawLine(QPointF(m_rect.left(), y), QPointF(m_rect.right(), y));
        row = 0;
        for (qreal y = m_rect.top(); y < m_rect.bottom(); y += rowH, ++row) {
            const qreal x = m_rect.left() + (row % 2 ? brickW / 2 : brickW);
            p->drawLine(QPointF(x, y), QPointF(x, std::min(y + rowH, m_rect.bottom())));
            if (row % 2)
                p->drawLine(QPointF(x + brickW, y),
                            QPointF(x + brickW, std::min(y + rowH, m_rect.bottom())));
        }
    }

private:
    QRectF m_rect;
    qreal m_zoom;
};

// A scrape in flight: a blue disc when it succeeded, a vermillion diamond with a white cross
// when it failed: shape and colour both tell.
class TopologyDotItem : public QGraphicsItem {
public:
    TopologyDotItem(bool ok, qreal zoom)
        : ok(ok)
        , m_r((ok ? 6 : 8) * zoom) {}
    QRectF boundingRect() const override {
        return QRectF(-m_r - 2, -m_r - 2, 2 * m_r + 4, 2 * m_r + 4);
    }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override {
        p->setRenderHint(QPainter::Antialiasing);
        if (ok) {
            p->setPen(QPen(Qt::white, m_r / 4));
            p->setBrush(LabPalette::okColor());
            p->drawEllipse(QPointF(0, 0), m_r, m_r);
            return;
        }
        p->setPen(QPen(Qt::black, m_r / 6));
        p->setBrush(LabPalette::failColor());
        const QPolygonF diamond(
            {QPointF(0, -m_r), QPointF(m_r, 0), QPointF(0, m_r), QPointF(-m_r, 0)});
        p->drawPolygon(diamond);
        const qreal c = m_r * 0.4;
        p->setPen(QPen(Qt::white, m_r / 4, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(QPointF(-c, -c), QPointF(c, c));
        p->drawLine(QPointF(-c, c), QPointF(c, -c));
    }
    const bool ok;

private:
    qreal m_r;
};

// A firing alert's mark at a node's top right corner: a vermillion diamond with a white "!"
// (reads without colour), over the node's border.
class TopologyAlertItem : public QGraphicsItem {
public:
    explicit TopologyAlertItem(qreal zoom)
        : m_r(13 * zoom)
        , m_zoom(zoom) {}
    QRectF boundingRect() const override {
        return QRectF(-m_r - 2, -m_r - 2, 2 * m_r + 4, 2 * m_r + 4);
    }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override {
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(QPen(Qt::black, 1.2 * m_zoom));
        p->setBrush(LabPalette::failColor());
        p->drawPolygon(
            QPolygonF({QPointF(0, -m_r), QPointF(m_r, 0), QPointF(0, m_r), QPointF(-m_r, 0)}));
        p->setPen(QPen(Qt::white, 2.4 * m_zoom, Qt::SolidLine, Qt::RoundCap));
        p->drawLine(QPointF(0, -m_r * 0.5), QPointF(0, m_r * 0.12));
        p->drawPoint(QPointF(0, m_r * 0.45));
    }

private:
    qreal m_r;
    qreal m_zoom;
};

// A push: a line with a head at the gateway, solid when accepted and dashed when rejected,
// with ✔ or ✖ and the status code by the head.
class TopologyArrowItem : public QGraphicsItem {
public:
    TopologyArrowItem(const QLineF &line, bool ok, const QString &label, const QFont &font,
                      qreal zoom)
        : m_line(line)
        , m_ok(ok)
        , m_label(label)
        , m_font(font)
        , m_zoom(zoom) {
        QPainterPathStroker stroker;
        stroker.setWidth(14 * zoom); // easy to hover for the tooltip
        QPainterPath path(line.p1());
        path.lineTo(line.p2());
        m_shape = stroker.createStroke(path);
        m_shape.addRect(labelRect());
        m_bounds = m_shape.boundingRect().adjusted(-4 * zoom, -4 * zoom, 4 * zoom, 4 * zoom);
    }
    QColor color() const { return m_ok ? LabPalette::okColor() : LabPalette::failColor(); }
    Qt::PenStyle style() const { return m_ok ? Qt::SolidLine : Qt::DashLine; }
    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override { return m_shape; }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override {
        p->setRenderHint(QPainter::Antialiasing);
        const qreal w = 3.5 * m_zoom;
        const qreal head = 16 * m_zoom;
        const QPointF u = (m_line.p2() - m_line.p1()) / std::max<qreal>(m_line.length(), 1);
        const QPointF n(-u.y(), u.x());
        const QPointF base = m_line.p2() - u * head;
        QPen pen(color(), w, style(), Qt::FlatCap);
        p->setPen(pen);
        p->drawLine(m_line.p1(), base);
        p->setPen(QPen(color(), 1 * m_zoom));
        p->setBrush(color());
        p->drawPolygon(QPolygonF({m_line.p2(), base + n * head * 0.5, base - n * head * 0.5}));
        const QRectF lr = labelRect();
        p->setPen(QPen(color(), 2 * m_zoom));
        p->setBrush(Qt::white);
        p->drawRoundedRect(lr, lr.height() / 2, lr.height() / 2);
        p->setPen(Qt::black);
        p->setFont(m_font);
        p->drawText(lr, Qt::AlignCenter, m_label);
    }

private:
    QRectF labelRect() const {
        const QFontMetricsF fm(m_font);
        const QSizeF s(fm.horizontalAdvance(m_label) + 12 * m_zoom, fm.height() + 4 * m_zoom);
        const QPointF at = m_line.pointAt(
            std::max<qreal>(0, 1 - (40 * m_zoom) / std::max<qreal>(m_line.length(), 1)));
        return QRectF(at - QPointF(s.width() / 2, s.height() / 2), s);
    }
    QLineF m_line;
    bool m_ok;
    QString m_label;
    QFont m_font;
    qreal m_zoom;
    QPainterPath m_shape;
    QRectF m_bounds;
};

TopologyView::TopologyView(Lab *lab, QWidget *parent)
    : QGraphicsView(parent)
    , m_lab(lab)
    , m_scene(new QGraphicsScene(this)) {
    setScene(m_scene);
    setRenderHint(QPainter::Antialiasing);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setAlignment(Qt::AlignCenter);
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex); // many moving dots
    m_tick.setInterval(50); // 20 fps: smooth enough for a dot, light on the CPU
    connect(&m_tick, &QTimer::timeout, this, &TopologyView::tick);
    m_wall.start();
    if (lab) {
        connect(lab, &Lab::targetsChanged, this, &TopologyView::rebuild);
        connect(lab, &Lab::jobsChanged, this, &TopologyView::rebuild);
        connect(lab, &Lab::scenarioLoaded, this, &TopologyView::rebuild);
        connect(lab, &Lab::targetStateChanged, this, [this](const QByteArray &name) {
            if (Node *n = node(NodeKind::Target, name))
                refreshState(*n);
        });
        connect(lab, &Lab::jobStateChanged, this, [this](const QByteArray &name) {
            if (Node *n = node(NodeKind::Job, name))
                refreshState(*n);
        });
        connect(lab->events(), &EventLog::appended, this, &TopologyView::onEvent);
        connect(lab->ruleManager(), &rules::RuleManager::rulesChanged, this,
                &TopologyView::refreshAlerts);
        // Relabelling decides whether a pod is scraped: follow discovery and the scraper.
        connect(lab->pods(), &PodCatalog::changed, this, &TopologyView::refreshPods);
        connect(lab->discovery(), &TargetDiscovery::targetsChanged, this,
                &TopologyView::refreshPods);
        // The configuration's targets the lab does not run come and go with the scraper's.
        connect(lab, &Lab::scrapeTargetsChanged, this, &TopologyView::onScrapeTargetsChanged);
        connect(lab, &Lab::outsidePushersChanged, this, &TopologyView::rebuild);
    }
    rebuild();
}

TopologyView::~TopologyView() = default;

TopologyView::Node *TopologyView::node(NodeKind kind, const QByteArray &name) {
    for (Node &n : m_nodes)
        if (n.kind == kind && n.name == name)
            return &n;
    return nullptr;
}

const TopologyView::Node *TopologyView::findNode(const QByteArray &name) const {
    for (const Node &n : m_nodes)
        if (n.name == name)
            return &n;
    return nullptr;
}

QPointF TopologyView::anchor(const Node &n) const {
    return n.box->mapRectToScene(n.box->box()).center();
}

QFont TopologyView::titleFont() const {
    // The application's font, not the widget's: the window already scales its own font by
    // the zoom, and the topology applies the zoom to everything itself.
    QFont f = QApplication::font();
    const qreal pt = f.pointSizeF() > 0 ? f.pointSizeF() : 10;
    f.setPointSizeF(pt * 1.25 * m_zoom);
    f.setBold(true);
    return f;
}

QFont TopologyView::textFont() const {
    QFont f = QApplication::font();
    const qreal pt = f.pointSizeF() > 0 ? f.pointSizeF() : 10;
    f.setPointSizeF(pt * 1.05 * m_zoom);
    return f;
}

TopologyView::Node *TopologyView::addNode(NodeKind kind, const QByteArray &name, const QPointF &pos,
                                          const QSizeF &size, const QString &title) {
    Node n;
    n.kind = kind;
    n.name = name;
    n.box = new TopologyNodeItem(size, m_zoom);
    n.box->title = title;
    n.box->titleFont = titleFont();
    n.box->textFont = textFont();
    n.box->fill = palette().base();
    n.box->border = palette().text().color();
    n.box->text = palette().text().color();
    n.box->setPos(pos);
    n.box->setData(0, int(kind));
    n.box->setData(1, name);
    n.box->setZValue(1);
    m_scene->addItem(n.box);
    m_nodes.push_back(n);
    return &m_nodes.back();
}

QSizeF TopologyView::targetSize() const {
    // Wide enough for the longest name and state line (pods: namespace/name and whether
    // relabelling dropped them), within bounds; pods need a third line.
    const qreal z = m_zoom;
    const QFontMetricsF tf(titleFont()), sf(textFont());
    qreal w = 0;
    bool pods = false;
    for (const QByteArray &name : labTargetNames())
        w = std::max(w, tf.horizontalAdvance(QString::fromUtf8(name)));
    for (const auto &[name, mode] : labJobs())
        w = std::max(w, tf.horizontalAdvance(tr("job %1").arg(QString::fromUtf8(name))));
    if (m_lab) {
        for (const Pod &p : m_lab->pods()->pods()) {
            pods = true;
            w = std::max(w,
                         tf.horizontalAdvance(QString::fromUtf8(p.namespaceName + '/' + p.name)) +
                             sf.horizontalAdvance(tr("pod")) + 14 * z);
        }
        for (const GroupPusher &p : m_lab->outsidePushers())
            w = std::max(w, tf.horizontalAdvance(SubjectText::groupingKey(p.groupingKey)) +
                                sf.horizontalAdvance(SubjectText::outsideTheLab()) + 14 * z);
        for (const ScrapeSubject &o : m_lab->unsimulatedScrapeSubjects()) {
            w = std::max(w, tf.horizontalAdvance(QString::fromUtf8(o.name)) +
                                sf.horizontalAdvance(SubjectText::badge(o.kind)) + 14 * z);
            w = std::max(
                w, sf.horizontalAdvance(tr("%1 up · job %2")
                                            .arg(LabPalette::stateSymbol(LabPalette::State::Up),
                                                 QString::fromUtf8(o.target.jobName))));
        }
    }
    if (pods)
        w = std::max(w, sf.horizontalAdvance(QStringLiteral("✘ ") +
                                             tr("not scraped — dropped by relabelling")));
    const qreal lines = pods ? 2 : 1;
    const qreal h = std::max(58 * z, 10 * z + tf.height() + lines * sf.height() + 3 * z);
    const qreal pad = pods ? h * 2 / 3 : 16 * z;
    return QSizeF(std::clamp(w + pad + 4 * z, TargetW * z, 2 * TargetW * z), h);
}

TopologyView::Arrangement TopologyView::bestArrangement(int cells) const {
    // The orientation and grid rows (columns when vertical) whose picture, fitted to the
    // viewport, is drawn largest: a projector pane is filled by boxes, not by margins.
    // Estimated at zoom 1 from the same sizes and gaps rebuild() lays out with.
    const QSizeF vp = viewport()->width() > 50 ? QSizeF(viewport()->size()) : QSizeF(900, 600);
    const qreal z = m_zoom;
    const QSizeF ts = targetSize() / z;
    const QSizeF big(BigW, std::max(ts.height(), 66.0));
    const int pushers = int(labJobs().size()) + (m_lab ? int(m_lab->outsidePushers().size()) : 0);
    const bool gateway = labHasGateway();
    Arrangement best;
    for (const bool vertical : {false, true}) {
        const auto mainLen = [vertical](const QSizeF &s) {
            return vertical ? s.height() : s.width();
        };
        const auto crossLen = [vertical](const QSizeF &s) {
            return vertical ? s.width() : s.height();
        };
        for (int r = 1; r <= std::max(1, cells); ++r) {
            const int cols = (std::max(1, cells) + r - 1) / r;
            qreal main =
                mainLen(big) + GapColumn + cols * (mainLen(ts) + GapMain) - GapMain + GapColumn;
            if (gateway)
                main += mainLen(big) + GapColumn;
            main += GapColumn;
            if (pushers > 0)
                main += mainLen(ts);
            const qreal cross = std::max({crossLen(big), r * (crossLen(ts) + GapCross),
                                          pushers * (crossLen(ts) + GapCross)}) +
                                50; // the server → gateway route passes beside the grid
            const qreal w = (vertical ? cross : main) + 40, h = (vertical ? main : cross) + 40;
            const qreal scale = std::min(vp.width() / w, vp.height() / h);
            // One lane of targets if it costs little: links then never pass behind a node.
            // Horizontal (the reading direction) unless vertical is clearly larger.
            const qreal need = vertical && !best.vertical ? 1.1 : 1.0;
            if (scale > best.scale * need + 1e-9 ||
                (r == cells && scale >= 0.75 * best.scale && vertical == best.vertical)) {
                best = {vertical, r, scale};
            }
        }
    }
    return best;
}

void TopologyView::rebuild() {
    for (Pulse &p : m_pulses)
        delete p.dot;
    m_pulses.clear();
    for (Arrow &a : m_arrows)
        delete a.item;
    m_arrows.clear();
    m_tick.stop();
    m_scene->clear(); // nodes, walls, halos, links
    m_links = nullptr;
    m_nodes.clear();
    m_nodes.reserve(256);
    const QList<QByteArray> targets = labTargetNames();
    // The grid holds everything the server pulls from: the lab's targets and pods, the jobs
    // that only expose /metrics (push: none), then the configuration's other targets.
    QList<QByteArray> jobs, pullOnlyJobs;
    for (const auto &[name, mode] : labJobs())
        (mode == JobPushMode::None ? pullOnlyJobs : jobs) << name;
    const QList<ScrapeSubject> others =
        m_lab && !m_replay ? m_lab->unsimulatedScrapeSubjects() : QList<ScrapeSubject>();
    struct Cell {
        NodeKind kind;
        QByteArray name;
        const ScrapeSubject *other = nullptr;
    };
    std::vector<Cell> grid;
    for (const QByteArray &t : targets)
        grid.push_back({NodeKind::Target, t});
    for (const QByteArray &j : std::as_const(pullOnlyJobs))
        grid.push_back({NodeKind::Job, j});
    for (const ScrapeSubject &o : others)
        if (o.kind != ScrapeSubject::Kind::Server) // the server's own box stands for it
            grid.push_back({NodeKind::Target, o.name, &o});
    const qreal z = m_zoom;
    const QSizeF targetSize = this->targetSize();
    const QSizeF bigSize(BigW * z, std::max(targetSize.height(), 66 * z));
    const Arrangement arrangement = bestArrangement(int(grid.size()));
    m_vertical = arrangement.vertical;
    const bool v = m_vertical;
    // Main axis: server → targets → gateway → jobs; cross axis: along a column of targets.
    const auto mainLen = [v](const QSizeF &s) { return v ? s.height() : s.width(); };
    const auto crossLen = [v](const QSizeF &s) { return v ? s.width() : s.height(); };
    const auto at = [v](qreal main, qreal cross) {
        return v ? QPointF(cross, main) : QPointF(main, cross);
    };
    const int cells = int(grid.size());
    m_rows = arrangement.rows;
    const int rows = std::max(1, std::min(cells, m_rows));
    const int columns = std::max(1, (cells + m_rows - 1) / m_rows);
    const qreal crossStep = crossLen(targetSize) + GapCross * z;
    const qreal middle = (rows * crossStep - GapCross * z) / 2;
    qreal main = 0;
    addNode(NodeKind::Server, "server", at(main, middle - crossLen(bigSize) / 2), bigSize,
            tr("Prometheus server"));
    main += mainLen(bigSize) + GapColumn * z;
    const QList<Pod> pods = m_lab ? m_lab->pods()->pods() : QList<Pod>();
    for (int i = 0; i < cells; ++i) {
        const QByteArray name = grid[size_t(i)].name;
        const qreal m = main + (i / m_rows) * (mainLen(targetSize) + GapMain * z);
        const qreal c = (i % m_rows) * crossStep;
        if (grid[size_t(i)].kind == NodeKind::Job) {
            addNode(NodeKind::Job, name, at(m, c), targetSize,
                    tr("job %1").arg(QString::fromUtf8(name)))
                ->inGrid = true;
            continue;
        }
        if (const ScrapeSubject *other = grid[size_t(i)].other) {
            Node *n =
                addNode(NodeKind::Target, name, at(m, c), targetSize, QString::fromUtf8(name));
            n->inGrid = true;
            n->unsimulated = *other;
            n->box->badge = SubjectText::badge(other->kind);
            n->box->borderStyle = Qt::DashDotLine;
            continue;
        }
        const bool pod = m_lab->isPod(name);
        QString title = QString::fromUtf8(name);
        QByteArray ns;
        if (pod)
            for (const Pod &p : pods)
                if (p.name == name) {
                    ns = p.namespaceName;
                    title = QString::fromUtf8(ns + '/' + name);
                }
        Node *n = addNode(NodeKind::Target, name, at(m, c), targetSize, title);
        n->inGrid = true;
        n->pod = pod;
        n->podNamespace = ns;
        if (pod) {
            n->box->pill = true;
            n->box->badge = tr("pod");
        }
    }
    main += columns * (mainLen(targetSize) + GapMain * z) - GapMain * z + GapColumn * z;
    if (labHasGateway()) {
        addNode(NodeKind::Gateway, "gateway", at(main, middle - crossLen(bigSize) / 2), bigSize,
                tr("Pushgateway"));
        main += mainLen(bigSize) + GapColumn * z;
    }
    main += GapColumn * z; // room for the push arrows and their ✔/✖ labels
    // The pushers: the lab's jobs, then the grouping keys pushed from outside the lab.
    const QList<GroupPusher> outside =
        m_lab && !m_replay ? m_lab->outsidePushers() : QList<GroupPusher>();
    const qreal jobsCross = (jobs.size() + outside.size()) * crossStep - GapCross * z;
    for (int i = 0; i < jobs.size(); ++i)
        addNode(NodeKind::Job, jobs[i], at(main, middle - jobsCross / 2 + i * crossStep),
                targetSize, tr("job %1").arg(QString::fromUtf8(jobs[i])));
    for (int i = 0; i < outside.size(); ++i) {
        const GroupPusher &p = outside[i];
        Node *n = addNode(NodeKind::Pusher, p.name,
                          at(main, middle - jobsCross / 2 + (jobs.size() + i) * crossStep),
                          targetSize, SubjectText::groupingKey(p.groupingKey));
        n->box->badge = SubjectText::outsideTheLab();
    }
    refreshPods(); // states, pods' scrape state and the links
    // Re-draw the pushes that are still fading (a zoom or a new target must not hide them).
    const qint64 now = m_wall.elapsed();
    for (auto it = m_lastPush.cbegin(); it != m_lastPush.cend(); ++it)
        if (now - it->wallMs < ArrowGoneMs)
            addArrow(it.key(), *it);
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-20 * z, -20 * z, 20 * z, 20 * z));
    fit();
}

void TopologyView::rebuildLinks() {
    // All static links in one cached path: a hundred dashed lines cost one pixmap blit.
    delete m_links;
    m_links = nullptr;
    Node *server = node(NodeKind::Server, "server");
    Node *gateway = node(NodeKind::Gateway, "gateway");
    QPainterPath path;
    m_linked.clear();
    if (server && gateway && m_gatewayScraped) {
        path.addPath(gatewayRoute());
        m_linked.emplace_back("server", "gateway");
    }
    for (const Node &n : m_nodes) {
        // A job that does not push is pulled: the server scrapes it while it runs.
        bool pulled = false;
        if (n.kind == NodeKind::Job)
            for (const auto &[name, mode] : labJobs())
                pulled = pulled || (name == n.name && mode == JobPushMode::None);
        if (server && n.kind == NodeKind::Target &&
            (!n.pod || n.podScrape == PodsModel::Scrape::Scraped)) {
            path.moveTo(anchor(*server));
            path.lineTo(anchor(n));
            m_linked.emplace_back("server", n.name);
        } else if (server && pulled && m_scraped.contains(n.name)) {
            path.moveTo(anchor(*server));
            path.lineTo(anchor(n));
            m_linked.emplace_back("server", n.name);
        } else if ((n.kind == NodeKind::Pusher || (n.kind == NodeKind::Job && !pulled)) &&
                   gateway) {
            path.moveTo(anchor(n));
            path.lineTo(anchor(*gateway));
            m_linked.emplace_back(n.name, "gateway");
        }
    }
    m_links = m_scene->addPath(path, QPen(palette().mid().color(), 1.5 * m_zoom, Qt::DashLine));
    m_links->setZValue(0);
    m_links->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
}

QPainterPath TopologyView::gatewayRoute() const {
    // Around the targets, not through them: out of the server's far side, past the grid.
    const Node *server = findNode("server");
    const Node *gateway = findNode("gateway");
    QPainterPath path;
    if (!server || !gateway)
        return path;
    QRectF grid;
    for (const Node &n : m_nodes)
        if (n.inGrid)
            grid |= n.box->mapRectToScene(n.box->box());
    const QRectF s = server->box->mapRectToScene(server->box->box());
    const QRectF g = gateway->box->mapRectToScene(gateway->box->box());
    if (grid.isEmpty()) {
        path.moveTo(s.center());
        path.lineTo(g.center());
    } else if (!m_vertical) {
        const qreal y = grid.bottom() + 50 * m_zoom;
        path.moveTo(s.center().x(), s.bottom());
        path.cubicTo(s.center().x(), y, g.center().x(), y, g.center().x(), g.bottom());
    } else {
        const qreal x = grid.right() + 50 * m_zoom;
        path.moveTo(s.right(), s.center().y());
        path.cubicTo(x, s.center().y(), x, g.center().y(), g.right(), g.center().y());
    }
    return path;
}

bool TopologyView::isLinked(const QByteArray &a, const QByteArray &b) const {
    return std::any_of(m_linked.begin(), m_linked.end(), [&](const auto &l) {
        return (l.first == a && l.second == b) || (l.first == b && l.second == a);
    });
}

int TopologyView::gridCount() const {
    int n = int(labTargetNames().size());
    for (const auto &[name, mode] : labJobs())
        n += mode == JobPushMode::None;
    if (m_lab && !m_replay)
        for (const ScrapeSubject &o : m_lab->unsimulatedScrapeSubjects())
            n += o.kind != ScrapeSubject::Kind::Server;
    return n;
}

QList<QByteArray> TopologyView::labTargetNames() const {
    if (m_replay)
        return m_replayTargetNames;
    QList<QByteArray> names;
    if (!m_lab)
        return names;
    for (const SimulatedTarget *t : m_lab->targets())
        names << t->name();
    // Declared targets first, then the pods' services: pods group together.
    std::stable_sort(names.begin(), names.end(), [this](const QByteArray &a, const QByteArray &b) {
        return !m_lab->isPod(a) && m_lab->isPod(b);
    });
    return names;
}

QList<std::pair<QByteArray, JobPushMode>> TopologyView::labJobs() const {
    QList<std::pair<QByteArray, JobPushMode>> jobs;
    if (m_replay) {
        for (const auto &j : m_replayJobs)
            jobs.append(std::make_pair(j.spec.name, j.spec.pushMode));
    } else if (m_lab) {
        for (const BatchJob *j : m_lab->jobs())
            jobs.append(std::make_pair(j->name(), j->spec().pushMode));
    }
    return jobs;
}

bool TopologyView::labHasGateway() const {
    return m_replay ? m_replayGateway : m_lab && !m_lab->gatewayUrl().isEmpty();
}

void TopologyView::setReplay(record::ReplaySession *session) {
    m_replay = session;
    if (session)
        connect(session, &record::ReplaySession::positionChanged, this, &TopologyView::readReplay);
    m_replayTargetNames.clear();
    readReplay();
    rebuild();
}

void TopologyView::readReplay() {
    if (!m_replay)
        return;
    const QList<QByteArray> before = m_replayTargetNames;
    QList<QByteArray> jobsBefore;
    for (const auto &j : m_replayJobs)
        jobsBefore << j.spec.name;
    const bool gatewayBefore = m_replayGateway;
    m_replayTargets.clear();
    m_replayTargetNames.clear();
    bool gatewayScraped = false;
    for (const auto &t : m_replay->targetsAt()) {
        gatewayScraped = gatewayScraped || t.name == "gateway";
        if (!t.lab)
            continue;
        m_replayTargetNames << t.name;
        m_replayTargets.insert(t.name, t);
    }
    m_replayJobs = m_replay->jobsAt();
    m_replayGateway = m_replay->hasGateway();
    QList<QByteArray> jobsNow;
    for (const auto &j : m_replayJobs)
        jobsNow << j.spec.name;
    if (before != m_replayTargetNames || jobsBefore != jobsNow ||
        gatewayBefore != m_replayGateway) {
        m_gatewayScraped = gatewayScraped;
        rebuild();
    } else if (gatewayScraped != m_gatewayScraped) {
        m_gatewayScraped = gatewayScraped;
        refreshPods();
    } else {
        refreshStates();
    }
    refreshAlerts();
}

void TopologyView::onScrapeTargetsChanged() {
    // A new configuration may list programs the lab does not run: their boxes come and go.
    QList<QByteArray> wanted, drawn;
    if (m_lab)
        for (const ScrapeSubject &o : m_lab->unsimulatedScrapeSubjects())
            if (o.kind != ScrapeSubject::Kind::Server)
                wanted << o.name;
    for (const Node &n : m_nodes)
        if (n.unsimulated)
            drawn << n.name;
    if (wanted != drawn)
        rebuild(); // refreshes pods and links too
    else
        refreshPods();
}

void TopologyView::refreshPods() {
    if (m_lab && !m_replay) {
        const QList<ScrapeTarget> active = m_lab->scrapeManager()->activeTargets();
        m_scraped.clear();
        for (const ScrapeTarget &t : active)
            m_scraped.insert(m_lab->subjectOf(t));
        m_gatewayScraped = m_scraped.contains("gateway");
        const QList<ScrapeTarget> dropped = m_lab->discovery()->droppedTargets();
        const QList<Pod> pods = m_lab->pods()->pods();
        for (Node &n : m_nodes) {
            if (!n.pod)
                continue;
            const SimulatedTarget *t = m_lab->target(n.name);
            for (const Pod &p : pods)
                if (p.name == n.name) {
                    const PodScrapeStatus s =
                        podScrapeStatus(p, t ? t->port() : 0, active, dropped);
                    n.podScrape = s.state;
                    n.podJob = s.job;
                }
        }
    }
    refreshStates();
    rebuildLinks();
}

void TopologyView::refreshStates() {
    for (Node &n : m_nodes)
        refreshState(n);
}

// How a node looks: what refreshState() works out for each kind, then draws.
struct TopologyView::Look {
    NodeState state = NodeState::Up;
    QString subtitle, detail, tip;
    QBrush fill;
    QColor border, text;
    Qt::PenStyle borderStyle = Qt::SolidLine;
    qreal borderWidth = 1.5;
    qreal opacity = 1;
    bool wall = false;
    void grey() {
        fill = QColor(0xe4, 0xe4, 0xe4);
        border = greyText();
        text = greyText();
    }
};

void TopologyView::refreshState(Node &n) {
    Look look;
    look.fill = palette().base();
    look.border = palette().text().color();
    look.text = palette().text().color();
    switch (n.kind) {
    case NodeKind::Server:
        look.borderWidth = 2.5;
        look.subtitle = tr("pulls: scrapes every target");
        look.tip = tr("The Prometheus server: it pulls (scrapes) every target and the "
                      "Pushgateway.\nClick: its configuration.");
        break;
    case NodeKind::Gateway:
        look.borderWidth = 2.5;
        look.subtitle =
            m_gatewayScraped ? tr("jobs push here; scraped") : tr("jobs push here; not scraped");
        look.tip = tr("The Pushgateway: batch jobs push their metrics here, and the server "
                      "scrapes it like any target.");
        break;
    case NodeKind::Target:
        if (n.unsimulated)
            lookOfUnsimulated(n, look);
        else if (!lookOfTarget(n, look))
            return;
        break;
    case NodeKind::Job:
        if (!lookOfJob(n, look))
            return;
        break;
    case NodeKind::Pusher:
        lookOfPusher(n, look);
        break;
    }
    addLastOutcomes(n, look);
    const auto firing = m_firing.constFind(n.name);
    if (firing != m_firing.cend()) {
        look.border = LabPalette::failColor();
        look.borderWidth = 3.5;
        look.tip +=
            u'\n' +
            tr("%1 Alert firing: %2").arg(QStringLiteral("◆"), firing->join(QStringLiteral(", ")));
    }
    applyLook(n, look);
    if (firing != m_firing.cend() && !n.alert) {
        n.alert = new TopologyAlertItem(m_zoom);
        n.alert->setParentItem(n.box);
        n.alert->setPos(n.box->box().topRight() + QPointF(-4 * m_zoom, 4 * m_zoom));
        n.alert->setZValue(2);
        n.alert->setFlag(QGraphicsItem::ItemIgnoresParentOpacity); // a killed node is faded
    } else if (firing == m_firing.cend() && n.alert) {
        delete n.alert;
        n.alert = nullptr;
    }
    if (n.alert)
        n.alert->setToolTip(
            tr("%1 Alert firing: %2").arg(QStringLiteral("◆"), firing->join(QStringLiteral(", "))));
}

void TopologyView::refreshAlerts() {
    QHash<QByteArray, QStringList> firing;
    if (m_replay) {
        for (const auto &a : m_replay->alertsAt()) {
            if (a.state != rules::AlertState::Firing)
                continue;
            const QByteArray subject = m_replay->subjectOfAlert(a.labels);
            QStringList &names = firing[subject];
            if (!subject.isEmpty() && !names.contains(QString::fromUtf8(a.alert)))
                names << QString::fromUtf8(a.alert);
        }
        firing.remove(QByteArray());
    } else if (m_lab)
        for (const rules::Alert &a : m_lab->ruleManager()->alerts()) {
            if (a.state != rules::AlertState::Firing)
                continue;
            const QByteArray subject = m_lab->subjectOfAlert(a.labels);
            if (subject.isEmpty())
                continue;
            QStringList &names = firing[subject];
            const QString name = QString::fromUtf8(a.labels.value(QByteArrayView("alertname")));
            if (!names.contains(name))
                names << name;
        }
    if (firing == m_firing)
        return;
    m_firing = firing;
    refreshStates();
}

QStringList TopologyView::firingAlerts(const QByteArray &name) const {
    return m_firing.value(name);
}

QGraphicsItem *TopologyView::alertItem(const QByteArray &name) const {
    const Node *n = findNode(name);
    return n ? n->alert : nullptr;
}

// A grouping key pushed from outside the lab: its client, a dash-dotted border, the badge.
void TopologyView::lookOfPusher(const Node &n, Look &look) const {
    const std::optional<GroupPusher> p = m_lab ? m_lab->outsidePusher(n.name) : std::nullopt;
    const QString client = p ? SubjectText::client(p->userAgent) : QString();
    look.borderStyle = Qt::DashDotLine;
    look.borderWidth = 2;
    look.subtitle = tr("pushed by %1").arg(client);
    look.tip = tr("Group %1, pushed from outside the lab by %2 (User-Agent).\nThe lab does not "
                  "run this client: it only sees its pushes.")
                   .arg(QString::fromUtf8(n.name), p ? QString::fromUtf8(p->userAgent) : client);
}

// A target the lab does not run: what its scrapes say, a dash-dotted border and the badge.
void TopologyView::lookOfUnsimulated(const Node &n, Look &look) const {
    const ScrapeSubject &s = *n.unsimulated;
    const QString job = QString::fromUtf8(s.target.jobName);
    const auto scraped = m_lastScrape.constFind(n.name);
    look.borderStyle = Qt::DashDotLine;
    look.borderWidth = 2;
    if (scraped == m_lastScrape.cend()) {
        look.subtitle = tr("%1 not scraped yet · job %2")
                            .arg(LabPalette::stateSymbol(LabPalette::State::Unknown), job);
    } else if (scraped->isEmpty()) {
        look.subtitle =
            tr("%1 up · job %2").arg(LabPalette::stateSymbol(LabPalette::State::Up), job);
    } else {
        look.state = NodeState::Down;
        look.subtitle =
            tr("%1 down · job %2").arg(LabPalette::stateSymbol(LabPalette::State::Down), job);
        look.border = LabPalette::failColor();
    }
    look.tip = tr("Target %1 (%2)\n%3")
                   .arg(QString::fromUtf8(n.name), s.target.url, SubjectText::explanation(s));
}

bool TopologyView::lookOfTarget(const Node &n, Look &look) const {
    const SimulatedTarget *t = m_lab && !m_replay ? m_lab->target(n.name) : nullptr;
    const auto replayed = m_replayTargets.constFind(n.name);
    if (!t && replayed == m_replayTargets.cend())
        return false;
    const bool running = t ? t->isRunning() : replayed->running;
    const TargetFault fault = t ? t->fault() : replayed->fault;
    const QString url = t ? t->metricsUrl().toString() : replayed->url;
    if (!running) {
        look.state = NodeState::Killed;
        look.subtitle = LabPalette::stateLabel(LabPalette::State::Killed);
        look.grey();
        look.opacity = 0.6;
    } else {
        switch (fault) {
        case TargetFault::Hang:
            look.state = NodeState::Hung;
            look.subtitle = LabPalette::stateLabel(LabPalette::State::Hung);
            look.border = LabPalette::stateColor(LabPalette::State::Hung);
            look.borderWidth = 2.5;
            break;
        case TargetFault::Firewall:
            look.state = NodeState::Firewalled;
            look.subtitle = QStringLiteral("▥ ") + tr("firewalled");
            look.wall = true;
            break;
        case TargetFault::Slow:
            look.state = NodeState::Slow;
            look.subtitle = QStringLiteral("◔ ") + tr("slow");
            break;
        case TargetFault::Flap:
            look.state = NodeState::Flapping;
            look.subtitle = QStringLiteral("◑ ") + tr("flapping");
            break;
        case TargetFault::Error:
            look.state = NodeState::Error;
            look.subtitle = QStringLiteral("! ") + tr("errors");
            break;
        case TargetFault::None:
            look.subtitle = tr("%1 running  :%2")
                                .arg(LabPalette::stateSymbol(LabPalette::State::Up))
                                .arg(t ? t->port() : QUrl(url).port());
            break;
        }
    }
    look.tip = tr("Target %1 (%2)\nState: %3").arg(QString::fromUtf8(n.name), url, look.subtitle);
    if (n.pod && t)
        lookOfPod(n, t, look);
    return true;
}

void TopologyView::lookOfPod(const Node &n, const SimulatedTarget *t, Look &look) const {
    const QString pod = QString::fromUtf8(n.podNamespace + '/' + n.name);
    QString scrape;
    switch (n.podScrape) {
    case PodsModel::Scrape::Scraped:
        scrape = QStringLiteral("✔ ") + tr("scraped by job %1").arg(QString::fromUtf8(n.podJob));
        break;
    case PodsModel::Scrape::Dropped:
        scrape = QStringLiteral("✘ ") + tr("not scraped — dropped by relabelling");
        break;
    case PodsModel::Scrape::NotDiscovered:
        scrape = QStringLiteral("– ") + tr("not scraped — not discovered");
        break;
    }
    look.detail = scrape;
    if (n.podScrape != PodsModel::Scrape::Scraped) {
        look.grey();
        look.borderStyle = Qt::DashLine;
        look.borderWidth = 2;
    }
    look.tip = tr("Pod %1 (%2)\n%3\nState: %4")
                   .arg(pod, t->metricsUrl().toString(), scrape, look.subtitle);
    if (n.podScrape == PodsModel::Scrape::Dropped)
        look.tip += u'\n' + tr("Discovered by job %1, then dropped by its relabel_configs "
                               "(for example a keep rule on the prometheus.io/scrape "
                               "annotation).")
                                .arg(QString::fromUtf8(n.podJob));
}

bool TopologyView::lookOfJob(const Node &n, Look &look) const {
    const BatchJob *j = m_lab && !m_replay ? m_lab->job(n.name) : nullptr;
    const record::ReplaySession::JobAt *replayed = nullptr;
    for (const auto &r : m_replayJobs)
        if (r.spec.name == n.name)
            replayed = &r;
    if (!j && !replayed)
        return false;
    const bool running = j ? j->isRunning() : replayed->running;
    const JobPushMode mode = j ? j->spec().pushMode : replayed->spec.pushMode;
    look.state = running ? NodeState::Running : NodeState::Idle;
    look.subtitle = running ? QStringLiteral("▶ ") + tr("running") : jobPushModeName(mode);
    if (!running && mode == JobPushMode::None)
        look.subtitle = tr("no push: pulled while it runs");
    look.tip = tr("Batch job %1 (%2)").arg(QString::fromUtf8(n.name), jobPushModeName(mode));
    look.opacity = running ? 1 : 0.85;
    return true;
}

// The last scrape's and the last push's outcome stay on the node (and its tooltip) until the
// next one.
void TopologyView::addLastOutcomes(const Node &n, Look &look) const {
    const auto scraped = m_lastScrape.constFind(n.name);
    if (scraped != m_lastScrape.cend())
        look.tip +=
            u'\n' + (scraped->isEmpty()
                         ? tr("Last scrape: %1 up").arg(QStringLiteral("✔"))
                         : tr("Last scrape: %1 failed: %2").arg(QStringLiteral("✖"), *scraped));
    const auto last = m_lastPush.constFind(n.name);
    if (last != m_lastPush.cend()) {
        look.subtitle += QStringLiteral("  ·  ") +
                         (last->ok ? QStringLiteral("✔ ") : QStringLiteral("✖ ")) +
                         (last->status ? QString::number(last->status) : tr("no answer"));
        look.tip += u'\n' + pushText(*last);
    }
}

void TopologyView::applyLook(Node &n, const Look &look) {
    TopologyNodeItem *box = n.box;
    n.state = look.state;
    box->fill = look.fill;
    box->border = look.border;
    box->text = look.text;
    box->borderStyle = look.borderStyle;
    box->borderWidth = look.borderWidth;
    box->subtitle = look.subtitle;
    box->detail = look.detail;
    box->setOpacity(look.opacity);
    box->setToolTip(look.tip);
    box->changed();
    if (look.wall && !n.wall) {
        // In front of the target, on the server's side.
        const qreal z = m_zoom;
        const QRectF r = box->box();
        const QRectF w = m_vertical ? QRectF(-6 * z, -26 * z, r.width() + 12 * z, 14 * z)
                                    : QRectF(-26 * z, -6 * z, 14 * z, r.height() + 12 * z);
        n.wall = new TopologyWallItem(w, z);
        n.wall->setParentItem(box);
        n.wall->setToolTip(tr("Firewall: the server's requests to %1 are dropped.")
                               .arg(QString::fromUtf8(n.name)));
    } else if (!look.wall && n.wall) {
        delete n.wall;
        n.wall = nullptr;
    }
    const bool hung = look.state == NodeState::Hung;
    if (hung && !n.halo) {
        n.halo = new TopologyHaloItem(box->box(), m_zoom);
        n.halo->setPos(box->pos());
        n.halo->setZValue(0.5);
        m_scene->addItem(n.halo);
        startTicking();
    } else if (!hung && n.halo) {
        delete n.halo;
        n.halo = nullptr;
    }
}

std::optional<TopologyView::NodeState> TopologyView::nodeState(const QByteArray &name) const {
    const Node *n = findNode(name);
    return n ? std::optional(n->state) : std::nullopt;
}

QPoint TopologyView::nodeViewPosition(const QByteArray &name) const {
    const Node *n = findNode(name);
    return n ? mapFromScene(anchor(*n)) : QPoint(-1, -1);
}

QGraphicsItem *TopologyView::nodeItem(const QByteArray &name) const {
    const Node *n = findNode(name);
    return n ? n->box : nullptr;
}

namespace {
constexpr int FlashKey = 0x464c; // QGraphicsItem::data key marking a flash ring
}

bool TopologyView::flashNode(const QByteArray &name, int ms) {
    const Node *n = findNode(name);
    if (!n || !n->box)
        return false;
    // A child of the box: a rebuild of the scene takes it along.
    for (QGraphicsItem *child : n->box->childItems())
        if (child->data(FlashKey).toBool())
            delete child;
    const qreal m = 5 * m_zoom;
    auto *ring = new QGraphicsRectItem(n->box->box().adjusted(-m, -m, m, m), n->box);
    QPen pen(palette().highlight().color(), 4 * m_zoom);
    pen.setJoinStyle(Qt::RoundJoin);
    ring->setPen(pen);
    ring->setBrush(Qt::NoBrush);
    ring->setData(FlashKey, true);
    ring->setZValue(10);
    QTimer::singleShot(ms, this, [this, name] {
        const Node *node = findNode(name);
        if (!node || !node->box)
            return;
        for (QGraphicsItem *child : node->box->childItems())
            if (child->data(FlashKey).toBool())
                delete child;
    });
    return true;
}

bool TopologyView::isFlashing(const QByteArray &name) const {
    const Node *n = findNode(name);
    if (!n || !n->box)
        return false;
    const QList<QGraphicsItem *> children = n->box->childItems();
    return std::any_of(children.begin(), children.end(),
                       [](QGraphicsItem *c) { return c->data(FlashKey).toBool(); });
}

QFont TopologyView::nodeFont(const QByteArray &name) const {
    const Node *n = findNode(name);
    return n ? n->box->titleFont : QFont();
}

QString TopologyView::nodeBadge(const QByteArray &name) const {
    const Node *n = findNode(name);
    return n ? n->box->badge : QString();
}

bool TopologyView::isNodeGreyed(const QByteArray &name) const {
    const Node *n = findNode(name);
    return n && n->box->text == greyText();
}

QGraphicsItem *TopologyView::wallItem(const QByteArray &name) const {
    const Node *n = findNode(name);
    return n ? n->wall : nullptr;
}

qreal TopologyView::pulse(const QByteArray &name) const {
    const Node *n = findNode(name);
    return n && n->halo ? n->halo->opacity() : 0;
}

std::optional<PodsModel::Scrape> TopologyView::podScrape(const QByteArray &name) const {
    const Node *n = findNode(name);
    if (!n || !n->pod)
        return std::nullopt;
    return n->podScrape;
}

QList<TopologyView::PushArrow> TopologyView::arrowsFor(const QByteArray &from) const {
    QList<PushArrow> out;
    for (const Arrow &a : m_arrows) {
        if (a.from != from)
            continue;
        PushArrow p;
        p.from = a.from;
        p.accepted = a.outcome.ok;
        p.status = a.outcome.status;
        p.reason = a.outcome.reason;
        p.toolTip = a.item->toolTip();
        p.mark = a.outcome.ok ? QStringLiteral("✔") : QStringLiteral("✖");
        p.style = a.item->style();
        p.color = a.item->color();
        p.opacity = a.item->opacity();
        out << p;
    }
    return out;
}

QList<TopologyView::ScrapeDot> TopologyView::scrapeDots() const {
    QList<ScrapeDot> out;
    for (const Pulse &p : m_pulses)
        out << ScrapeDot{p.target, p.dot->ok,
                         p.dot->ok ? LabPalette::okColor() : LabPalette::failColor()};
    return out;
}

void TopologyView::onEvent(const LabEvent &e) {
    if (e.kind == LabEvent::Kind::Alert) {
        refreshAlerts();
        return;
    }
    const auto *received = e.as<GatewayEvent>();
    if (const auto *push = e.as<PushEvent>(); push || (received && received->external)) {
        // Remembered even when hidden: the node's tooltip tells the last push. A push from
        // outside the lab is what the gateway received.
        PushOutcome o;
        o.ok = push ? push->result.ok : received->ok;
        o.status = push ? push->result.status : received->status;
        o.reason = push ? push->result.reason : received->reason;
        o.isDelete = push ? push->isDelete() : received->method == u"DELETE";
        o.wallMs = m_wall.elapsed();
        m_lastPush.insert(e.subject, o);
        for (Node &n : m_nodes)
            if (n.name == e.subject && (n.kind == NodeKind::Job || n.kind == NodeKind::Target ||
                                        n.kind == NodeKind::Pusher))
                refreshState(n);
        if (isVisible() || qEnvironmentVariableIsSet("PPL_TOPOLOGY_ALWAYS"))
            addArrow(e.subject, o);
        return;
    }
    const auto *scrape = e.as<ScrapeEvent>();
    if (scrape) {
        // The node's tooltip tells the last scrape's outcome; re-drawn only when it changes.
        const QString error = scrape->up() ? QString() : scrape->error;
        const auto known = m_lastScrape.constFind(e.subject);
        if (known == m_lastScrape.cend() || *known != error) {
            m_lastScrape.insert(e.subject, error);
            for (Node &n : m_nodes)
                if (n.name == e.subject)
                    refreshState(n);
        }
    }
    if (!isVisible() && !qEnvironmentVariableIsSet("PPL_TOPOLOGY_ALWAYS"))
        return; // nobody watches: no dots
    Node *server = node(NodeKind::Server, "server");
    if (scrape && server) {
        const bool ok = scrape->up();
        Node *to = e.subject == "gateway" ? node(NodeKind::Gateway, "gateway")
                                          : node(NodeKind::Target, e.subject);
        if (!to)
            to = node(NodeKind::Job, e.subject); // a job that exposes /metrics while it runs
        if (!to)
            return;
        // Behind a firewall the request only reaches the wall.
        // Edge to edge: the dot never hides a node's text.
        const QRectF s = server->box->mapRectToScene(server->box->box());
        const QRectF t = to->box->mapRectToScene(to->box->box());
        const QPointF end = to->wall ? to->wall->mapRectToScene(to->wall->boundingRect()).center()
                                     : edgePoint(t, s.center());
        addPulse(to->name, edgePoint(s, t.center()), end, ok, true, ok ? QString() : scrape->error);
        if (to->kind == NodeKind::Gateway && !m_pulses.empty() &&
            m_pulses.back().target == to->name)
            m_pulses.back().route = gatewayRoute();
    }
}

QString TopologyView::pushText(const PushOutcome &o) const {
    const QString what = o.isDelete ? tr("Last delete") : tr("Last push");
    if (o.ok)
        return tr("%1: ✔ accepted (%2)").arg(what).arg(o.status);
    return tr("%1: ✖ rejected (%2): %3")
        .arg(what, o.status ? QString::number(o.status) : tr("no answer"), o.reason);
}

void TopologyView::addArrow(const QByteArray &from, const PushOutcome &o) {
    Node *gateway = node(NodeKind::Gateway, "gateway");
    const Node *src = findNode(from);
    if (!gateway || !src)
        return;
    // One arrow per pusher: the newest push replaces the one still fading.
    for (size_t i = 0; i < m_arrows.size();)
        if (m_arrows[i].from == from) {
            delete m_arrows[i].item;
            m_arrows.erase(m_arrows.begin() + qsizetype(i));
        } else {
            ++i;
        }
    const QRectF a = src->box->mapRectToScene(src->box->box());
    const QRectF b = gateway->box->mapRectToScene(gateway->box->box());
    const QLineF line(edgePoint(a, b.center()), edgePoint(b, a.center()));
    const QString label = (o.ok ? QStringLiteral("✔ ") : QStringLiteral("✖ ")) +
                          (o.status ? QString::number(o.status) : tr("no answer"));
    QFont f = textFont();
    f.setBold(true);
    auto *item = new TopologyArrowItem(line, o.ok, label, f, m_zoom);
    item->setZValue(3);
    item->setToolTip(pushText(o));
    m_scene->addItem(item);
    m_arrows.push_back({item, from, o});
    startTicking();
}

void TopologyView::addPulse(const QByteArray &target, const QPointF &from, const QPointF &to,
                            bool ok, bool roundTrip, const QString &tooltip) {
    if (m_pulses.size() >= MaxPulses)
        return;
    auto *dot = new TopologyDotItem(ok, m_zoom);
    dot->setZValue(2);
    dot->setPos(from);
    if (!tooltip.isEmpty())
        dot->setToolTip(tooltip);
    m_scene->addItem(dot);
    m_pulses.push_back({dot,
                        target,
                        from,
                        to,
                        {},
                        roundTrip,
                        m_wall.elapsed(),
                        roundTrip ? ScrapeTripMs : PushTripMs});
    startTicking();
}

void TopologyView::startTicking() {
    if (!m_tick.isActive())
        m_tick.start();
}

void TopologyView::tick() {
    // One timer for every dot, arrow and halo; each item repaints only where it moved.
    const qint64 now = m_wall.elapsed();
    for (size_t i = 0; i < m_pulses.size();) {
        Pulse &p = m_pulses[i];
        const double f = double(now - p.startMs) / double(p.durationMs);
        if (f >= 1) {
            delete p.dot;
            p = m_pulses.back();
            m_pulses.pop_back();
            continue;
        }
        const double k = p.roundTrip ? (f < 0.5 ? f * 2 : 2 - f * 2) : f;
        p.dot->setPos(p.route.isEmpty() ? p.from + (p.to - p.from) * k
                                        : p.route.pointAtPercent(std::clamp(k, 0.0, 1.0)));
        ++i;
    }
    for (size_t i = 0; i < m_arrows.size();) {
        Arrow &a = m_arrows[i];
        const qint64 age = now - a.outcome.wallMs;
        if (age >= ArrowGoneMs) {
            delete a.item;
            m_arrows.erase(m_arrows.begin() + qsizetype(i));
            continue;
        }
        if (age > ArrowHoldMs) {
            const qreal o = 1 - qreal(age - ArrowHoldMs) / qreal(ArrowGoneMs - ArrowHoldMs);
            if (std::abs(a.item->opacity() - o) > 0.02)
                a.item->setOpacity(o);
        }
        ++i;
    }
    bool hung = false;
    for (Node &n : m_nodes)
        if (n.halo) {
            hung = true;
            n.halo->setOpacity(0.35 + 0.65 * std::abs(std::sin(double(now) / 300.0)));
        }
    if (m_pulses.empty() && m_arrows.empty() && !hung)
        m_tick.stop();
}

void TopologyView::fit() {
    // Fit the picture as it is at zoom 1 (shrinking a big one down to a legible floor, then
    // scrolling; growing a small one to fill the pane). The zoom is in the items' sizes and comes
    // on top, so Ctrl++ grows the topology like the rest of the window, with scroll bars.
    const QRectF scene = m_scene->sceneRect();
    const QSize vp = viewport()->size();
    if (scene.isEmpty() || vp.isEmpty())
        return;
    const QSizeF base = scene.size() / m_zoom;
    const qreal s = std::clamp(std::min(vp.width() / base.width(), vp.height() / base.height()),
                               MinFit, MaxFit);
    setTransform(QTransform::fromScale(s, s));
    centerOn(scene.center());
}

void TopologyView::setZoom(qreal zoom) {
    if (qFuzzyCompare(zoom, m_zoom))
        return;
    m_zoom = zoom;
    rebuild();
}

void TopologyView::resizeEvent(QResizeEvent *event) {
    QGraphicsView::resizeEvent(event);
    const Arrangement a = bestArrangement(gridCount());
    if (a.vertical != m_vertical || a.rows != m_rows) {
        rebuild();
        return;
    }
    fit();
}

void TopologyView::mousePressEvent(QMouseEvent *event) {
    for (QGraphicsItem *item : items(event->position().toPoint())) {
        while (item->parentItem())
            item = item->parentItem();
        if (!item->data(1).isValid())
            continue;
        const auto kind = NodeKind(item->data(0).toInt());
        const QByteArray name = item->data(1).toByteArray();
        Q_EMIT nodeClicked(kind, name);
        if (event->button() == Qt::RightButton)
            Q_EMIT nodeMenuRequested(kind, name, event->globalPosition().toPoint());
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

} // namespace ppl
