#include "topologyview.h"

#include "lab/lab.h"
#include "labpalette.h"

#include <QGraphicsEllipseItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QJsonObject>
#include <QMouseEvent>
#include <QResizeEvent>

#include <cmath>

namespace ppl {

namespace {

constexpr qreal NodeW = 150, NodeH = 44;
constexpr int RowsPerColumn = 12;

} // namespace

TopologyView::TopologyView(Lab *lab, QWidget *parent)
    : QGraphicsView(parent)
    , m_lab(lab)
    , m_scene(new QGraphicsScene(this)) {
    setScene(m_scene);
    setRenderHint(QPainter::Antialiasing);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setDragMode(QGraphicsView::ScrollHandDrag);
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

QPointF TopologyView::anchor(const Node &n) const {
    return n.box->sceneBoundingRect().center();
}

TopologyView::Node *TopologyView::addNode(NodeKind kind, const QByteArray &name, const QPointF &pos,
                                          const QString &title) {
    Node n;
    n.kind = kind;
    n.name = name;
    n.box = m_scene->addRect(QRectF(0, 0, NodeW, NodeH), QPen(palette().text().color(), 1.5),
                             palette().base());
    // Transposed: rows become columns one node width apart.
    n.box->setPos(m_vertical ? QPointF(pos.y() * (NodeW + 16) / (NodeH + 14), pos.x() * 0.6) : pos);
    n.box->setData(0, int(kind));
    n.box->setData(1, name);
    n.box->setZValue(1);
    n.label = new QGraphicsSimpleTextItem(title, n.box);
    QFont bold = font();
    bold.setBold(true);
    n.label->setFont(bold);
    n.label->setPos(6, 3);
    n.badge = new QGraphicsSimpleTextItem(n.box);
    n.badge->setPos(6, 23);
    // Dots fly over the nodes many times a second: keep the nodes' pixels, not re-shape text.
    for (QGraphicsItem *item :
         {static_cast<QGraphicsItem *>(n.box), static_cast<QGraphicsItem *>(n.label),
          static_cast<QGraphicsItem *>(n.badge)})
        item->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    m_nodes.push_back(n);
    return &m_nodes.back();
}

void TopologyView::rebuild() {
    for (Pulse &p : m_pulses)
        delete p.dot;
    m_pulses.clear();
    m_tick.stop();
    m_scene->clear();
    m_nodes.clear();
    m_nodes.reserve(256);
    const QList<SimulatedTarget *> targets = m_lab ? m_lab->targets() : QList<SimulatedTarget *>();
    const QList<BatchJob *> jobs = m_lab ? m_lab->jobs() : QList<BatchJob *>();
    const int columns = std::max<int>(1, int((targets.size() + RowsPerColumn - 1) / RowsPerColumn));
    const int rows = int(std::min<qsizetype>(targets.size(), RowsPerColumn));
    const qreal middleH = std::max(1, rows) * (NodeH + 14);
    addNode(NodeKind::Server, "server", QPointF(0, middleH / 2 - NodeH / 2),
            tr("Prometheus server"));
    for (int i = 0; i < targets.size(); ++i) {
        const QByteArray name = targets[i]->name();
        const QPointF pos(260 + (i / RowsPerColumn) * (NodeW + 40),
                          (i % RowsPerColumn) * (NodeH + 14));
        addNode(NodeKind::Target, name, pos,
                QString::fromUtf8(name) + (m_lab->isPod(name) ? tr(" (pod)") : QString()));
    }
    const qreal right = 260 + columns * (NodeW + 40) + 80;
    if (m_lab && !m_lab->gatewayUrl().isEmpty())
        addNode(NodeKind::Gateway, "gateway", QPointF(right, middleH / 2 - NodeH / 2),
                tr("Pushgateway"));
    for (int i = 0; i < jobs.size(); ++i)
        addNode(NodeKind::Job, jobs[i]->name(), QPointF(right + NodeW + 90, i * (NodeH + 14)),
                tr("job %1").arg(QString::fromUtf8(jobs[i]->name())));
    // Static links: who talks to whom.
    const QPen link(palette().mid().color(), 1, Qt::DashLine);
    Node *server = node(NodeKind::Server, "server");
    Node *gateway = node(NodeKind::Gateway, "gateway");
    for (const Node &n : m_nodes) {
        QGraphicsLineItem *line = nullptr;
        if (n.kind == NodeKind::Target || (n.kind == NodeKind::Gateway && server))
            line = m_scene->addLine(QLineF(anchor(*server), anchor(n)), link);
        else if (n.kind == NodeKind::Job && gateway)
            line = m_scene->addLine(QLineF(anchor(n), anchor(*gateway)), link);
        if (line)
            line->setZValue(0);
    }
    refreshStates();
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-20, -20, 20, 20));
    fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
}

void TopologyView::refreshStates() {
    for (Node &n : m_nodes)
        refreshState(n);
}

void TopologyView::refreshState(Node &n) {
    QString state = QStringLiteral("up");
    QString badge;
    QBrush brush = palette().base();
    qreal opacity = 1;
    bool wall = false;
    if (n.kind == NodeKind::Target && m_lab) {
        const SimulatedTarget *t = m_lab->target(n.name);
        if (!t)
            return;
        if (!t->isRunning()) {
            state = QStringLiteral("killed");
            badge = LabPalette::stateLabel(LabPalette::State::Killed);
            brush = QColor(0xdd, 0xdd, 0xdd);
            opacity = 0.55;
        } else {
            switch (t->fault()) {
            case TargetFault::Hang:
                state = QStringLiteral("hung");
                badge = LabPalette::stateLabel(LabPalette::State::Hung);
                break;
            case TargetFault::Firewall:
                state = QStringLiteral("firewall");
                badge = QStringLiteral("▥ ") + tr("firewalled");
                wall = true;
                break;
            case TargetFault::Slow:
                state = QStringLiteral("slow");
                badge = QStringLiteral("◔ ") + tr("slow");
                break;
            case TargetFault::Flap:
                state = QStringLiteral("flap");
                badge = QStringLiteral("◑ ") + tr("flapping");
                break;
            case TargetFault::Error:
                state = QStringLiteral("error");
                badge = QStringLiteral("! ") + tr("errors");
                break;
            case TargetFault::None:
                badge = tr(":%1").arg(t->port());
                break;
            }
        }
    } else if (n.kind == NodeKind::Job && m_lab) {
        const BatchJob *j = m_lab->job(n.name);
        if (!j)
            return;
        state = j->isRunning() ? QStringLiteral("running") : QStringLiteral("idle");
        badge = j->isRunning() ? QStringLiteral("▶ ") + tr("running")
                               : jobPushModeName(j->spec().pushMode);
        opacity = j->isRunning() ? 1 : 0.8;
    }
    n.state = state;
    n.box->setBrush(brush);
    n.box->setOpacity(opacity);
    n.box->setScale(1);
    n.box->setTransformOriginPoint(NodeW / 2, NodeH / 2);
    n.badge->setText(badge);
    if (wall && !n.wall) {
        // A brick-patterned wall in front of the target: reads without colour.
        n.wall = m_scene->addRect(
            QRectF(-22, -6, 10, NodeH + 12), QPen(Qt::black, 1),
            QBrush(LabPalette::stateColor(LabPalette::State::Down), Qt::DiagCrossPattern));
        n.wall->setParentItem(n.box);
    } else if (!wall && n.wall) {
        delete n.wall;
        n.wall = nullptr;
    }
    if (state == u"hung" && !m_tick.isActive())
        m_tick.start();
}

QString TopologyView::nodeState(const QByteArray &name) const {
    for (const Node &n : m_nodes)
        if (n.name == name)
            return n.state;
    return {};
}

QPoint TopologyView::nodeViewPosition(const QByteArray &name) const {
    for (const Node &n : m_nodes)
        if (n.name == name)
            return mapFromScene(anchor(n));
    return {-1, -1};
}

void TopologyView::onEvent(const LabEvent &e) {
    if (!isVisible() && !qEnvironmentVariableIsSet("PPL_TOPOLOGY_ALWAYS"))
        return; // nobody watches: no dots
    Node *server = node(NodeKind::Server, "server");
    if (e.kind == LabEvent::Kind::Scrape && server) {
        const bool ok = e.data.value(QStringLiteral("health")).toString() == u"up";
        Node *to = e.subject == "gateway" ? node(NodeKind::Gateway, "gateway")
                                          : node(NodeKind::Target, e.subject);
        if (to)
            addPulse(anchor(*server), anchor(*to), ok, true,
                     ok ? QString() : e.data.value(QStringLiteral("error")).toString());
    } else if (e.kind == LabEvent::Kind::Push) {
        Node *gateway = node(NodeKind::Gateway, "gateway");
        Node *from = node(NodeKind::Job, e.subject);
        if (!from)
            from = node(NodeKind::Target, e.subject);
        if (gateway && from) {
            const bool ok = e.data.value(QStringLiteral("ok")).toBool();
            addPulse(anchor(*from), anchor(*gateway), ok, false,
                     ok ? QString() : e.data.value(QStringLiteral("reason")).toString());
        }
    }
}

void TopologyView::addPulse(const QPointF &from, const QPointF &to, bool ok, bool roundTrip,
                            const QString &tooltip) {
    constexpr size_t MaxPulses = 400; // 100 targets at 1 s need ~100; beyond, skip
    if (m_pulses.size() >= MaxPulses)
        return;
    const QColor c = ok ? LabPalette::okColor() : LabPalette::failColor();
    auto *dot = m_scene->addEllipse(QRectF(-6, -6, 12, 12), QPen(Qt::black, ok ? 0.5 : 2),
                                    QBrush(c, ok ? Qt::SolidPattern : Qt::Dense4Pattern));
    dot->setZValue(2);
    dot->setPos(from);
    if (!tooltip.isEmpty())
        dot->setToolTip(tooltip);
    m_pulses.push_back({dot, from, to, roundTrip, m_wall.elapsed(), roundTrip ? 700 : 600});
    if (!m_tick.isActive())
        m_tick.start();
}

void TopologyView::tick() {
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
        p.dot->setPos(p.from + (p.to - p.from) * k);
        ++i;
    }
    bool hung = false;
    for (Node &n : m_nodes)
        if (n.state == u"hung") {
            hung = true;
            n.box->setScale(1 + 0.06 * std::sin(double(now) / 150.0));
        }
    if (m_pulses.empty() && !hung)
        m_tick.stop();
}

void TopologyView::setZoom(qreal zoom) {
    m_zoom = zoom;
    fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
}

void TopologyView::resizeEvent(QResizeEvent *event) {
    QGraphicsView::resizeEvent(event);
    const bool vertical = event->size().height() > event->size().width();
    if (vertical != m_vertical) {
        m_vertical = vertical;
        rebuild();
        return;
    }
    fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
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
