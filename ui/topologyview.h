#pragma once

#include "lab/lab.h"
#include "lab/labevent.h"
#include "podsmodel.h"
#include "record/replaysession.h"

#include <QColor>
#include <QElapsedTimer>
#include <QFont>
#include <QGraphicsView>
#include <QHash>
#include <QPainterPath>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <optional>
#include <vector>

class QGraphicsItem;
class QGraphicsPathItem;

namespace ppl {

class Lab;
class TopologyAlertItem;
class TopologyArrowItem;
class TopologyDotItem;
class TopologyHaloItem;
class TopologyNodeItem;
class TopologyWallItem;

// The lab drawn as a network: the server on the left, the targets and pods in a grid in the
// middle, the Pushgateway and the jobs on the right (top to bottom where that draws them
// larger). Every
// scrape is a dot travelling server → target → server (a vermillion cross when it failed),
// every push an arrow from its job to the gateway that fades over a few seconds (solid ✔ when
// accepted, dashed ✖ with the reason as tooltip when rejected), and the server's scrapes of
// the gateway are drawn too. Killed targets are grey, hung ones pulse, a firewall is a brick
// wall, a pod dropped by relabelling has a grey dashed border. Sizes, fonts and pens follow
// setZoom() (the window's projector zoom). Animations are decoration in wall time: one ~20 fps
// timer moves every dot, fades every arrow and pulses every hung node, only while any exist.
// A node whose alert fires (a target, the gateway, or the job or self-pushing target whose
// gateway group the alert names; Lab::subjectOfAlert) wears a vermillion diamond with "!" at
// its corner and a thick border; its tooltip names the alerts.
// Every scrape target of the running configuration is drawn: the configuration's targets the
// lab does not simulate (the student's own app, real exporters) stand in the grid beside the
// lab's own with a badge in words ("outside the lab") and are linked to the server, and a job
// that does not push (push: none) stands in the grid too, linked to the server that scrapes it
// rather than to the gateway.
class TopologyView : public QGraphicsView {
    Q_OBJECT
public:
    // Pods are targets (kind Target) drawn as pods: the window selects them in both tables.
    // Pusher: a grouping key pushed from outside the lab (curl, a client library), drawn
    // beside the jobs with the "outside the lab" badge and its client.
    enum class NodeKind { Server, Gateway, Target, Job, Pusher };
    // A push drawn as an arrow from its job (or pushing target) to the gateway.
    struct PushArrow {
        QByteArray from;
        bool accepted = false;
        int status = 0;                     // HTTP status, 0 when no answer came
        QString reason;                     // empty when accepted
        QString toolTip;                    // outcome, status code and reason
        QString mark;                       // "✔" or "✖": the outcome without colour
        Qt::PenStyle style = Qt::SolidLine; // solid accepted, dashed rejected
        QColor color;
        qreal opacity = 1; // fades to 0, then the arrow goes
    };
    // A scrape's request/response dot in flight.
    struct ScrapeDot {
        QByteArray target; // "gateway" for the server's scrape of the gateway
        bool ok = true;
        QColor color;
    };

    explicit TopologyView(Lab *lab, QWidget *parent = nullptr);
    ~TopologyView() override;

    void setZoom(qreal zoom); // 1 = normal; scales node sizes, fonts, pens and dots
    qreal zoom() const { return m_zoom; }
    int nodeCount() const { return int(m_nodes.size()); }
    int activeAnimations() const { return int(m_pulses.size()); } // scrape dots in flight
    // What a node shows: targets and pods by process and fault, jobs by whether they run.
    // Down: a target the lab does not run whose last scrape failed.
    enum class NodeState {
        Up,
        Killed,
        Hung,
        Firewalled,
        Slow,
        Flapping,
        Error,
        Running,
        Idle,
        Down
    };
    std::optional<NodeState> nodeState(const QByteArray &name) const; // nullopt: no such node
    QPoint nodeViewPosition(const QByteArray &name) const;            // centre, in view coordinates

    // For tests and the window: what is drawn for a node ("server", "gateway", a target, pod
    // or job name).
    QGraphicsItem *nodeItem(const QByteArray &name) const; // the node's box (tooltip, rect)
    QFont nodeFont(const QByteArray &name) const;          // its title font
    bool isNodeGreyed(const QByteArray &name) const;       // killed, or a pod not scraped
    QGraphicsItem *wallItem(const QByteArray &name) const; // the firewall, null if none
    qreal pulse(const QByteArray &name) const;             // hung halo's opacity, 0 if none
    std::optional<PodsModel::Scrape> podScrape(const QByteArray &name) const; // pods only
    QList<PushArrow> arrowsFor(const QByteArray &from) const;
    QList<ScrapeDot> scrapeDots() const;
    // The firing alerts a node is marked for (alert names), empty if none.
    QStringList firingAlerts(const QByteArray &name) const;
    QGraphicsItem *alertItem(const QByteArray &name) const; // the mark, null if none
    // The badge a node wears in words ("pod", "outside the lab"), empty if none.
    QString nodeBadge(const QByteArray &name) const;
    // Whether a static link joins the two nodes ("server", "gateway", or a node's name).
    bool isLinked(const QByteArray &a, const QByteArray &b) const;
    // Draws attention to a node for a moment (a lesson's check just held about it): a thick
    // ring around its box for ms of wall time. False when there is no such node.
    bool flashNode(const QByteArray &name, int ms = 1500);
    // A replay (File → Open recording): the world drawn is the recording's at the session's
    // position (its targets, jobs and gateway, node states and firing alerts), redrawn when
    // it moves; scrapes and pushes animate as the replayed events arrive.
    void setReplay(record::ReplaySession *session);
    bool isFlashing(const QByteArray &name) const;

Q_SIGNALS:
    // Every node, the server ("server") and the gateway ("gateway") included.
    void nodeClicked(ppl::TopologyView::NodeKind kind, const QByteArray &name);
    void nodeMenuRequested(ppl::TopologyView::NodeKind kind, const QByteArray &name,
                           const QPoint &globalPos);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Node {
        NodeKind kind;
        QByteArray name;
        bool pod = false;
        TopologyNodeItem *box = nullptr;
        TopologyWallItem *wall = nullptr;   // firewall
        TopologyHaloItem *halo = nullptr;   // hung: pulses
        TopologyAlertItem *alert = nullptr; // an alert about it fires
        NodeState state = NodeState::Up;
        PodsModel::Scrape podScrape = PodsModel::Scrape::NotDiscovered;
        QByteArray podJob;
        QByteArray podNamespace;
        std::optional<ScrapeSubject> unsimulated; // a target the lab does not run
        bool inGrid = false; // among the targets (targets, pods, pull-only jobs, others)
    };
    struct Pulse {
        TopologyDotItem *dot;
        QByteArray target;
        QPointF from, to;
        QPainterPath route; // non-empty: a curved way (the gateway's, around the targets)
        bool roundTrip;
        qint64 startMs;
        qint64 durationMs;
    };
    struct PushOutcome {
        bool ok = false;
        int status = 0;
        QString reason;
        bool isDelete = false;
        qint64 wallMs = 0;
    };
    struct Arrow {
        TopologyArrowItem *item;
        QByteArray from;
        PushOutcome outcome;
    };
    void rebuild();
    void rebuildLinks();
    void refreshStates();
    struct Look;
    bool lookOfTarget(const Node &n, Look &look) const; // false: no such target
    void lookOfPod(const Node &n, const SimulatedTarget *t, Look &look) const;
    bool lookOfJob(const Node &n, Look &look) const; // false: no such job
    void lookOfUnsimulated(const Node &n, Look &look) const;
    void lookOfPusher(const Node &n, Look &look) const;
    void onScrapeTargetsChanged();
    int gridCount() const; // boxes in the targets' grid
    // The lab's own targets (declared first, then pods), its jobs and whether it runs a
    // gateway: the live lab's, or the replay's at its position.
    QList<QByteArray> labTargetNames() const;
    QList<std::pair<QByteArray, JobPushMode>> labJobs() const;
    bool labHasGateway() const;
    void readReplay(); // the replay moved: redraw what changed
    void addLastOutcomes(const Node &n, Look &look) const;
    void applyLook(Node &n, const Look &look);
    void refreshState(Node &node);
    void refreshPods();
    void onEvent(const LabEvent &event);
    void refreshAlerts(); // which nodes have a firing alert
    void addPulse(const QByteArray &target, const QPointF &from, const QPointF &to, bool ok,
                  bool roundTrip, const QString &tooltip);
    void addArrow(const QByteArray &from, const PushOutcome &outcome);
    QString pushText(const PushOutcome &outcome) const;
    void startTicking();
    void tick();
    void fit();
    struct Arrangement {
        bool vertical = false;
        int rows = 1;
        qreal scale = 0;
    };
    Arrangement bestArrangement(int cells) const;
    Node *node(NodeKind kind, const QByteArray &name);
    const Node *findNode(const QByteArray &name) const;
    Node *addNode(NodeKind kind, const QByteArray &name, const QPointF &pos, const QSizeF &size,
                  const QString &title);
    QPointF anchor(const Node &n) const;
    QPainterPath gatewayRoute() const; // server → gateway, below (beside) the targets
    QSizeF targetSize() const;
    QFont titleFont() const;
    QFont textFont() const;

    QPointer<Lab> m_lab;
    QPointer<record::ReplaySession> m_replay;
    QHash<QByteArray, record::ReplaySession::TargetAt> m_replayTargets; // the lab's, by name
    QList<QByteArray> m_replayTargetNames;
    std::vector<record::ReplaySession::JobAt> m_replayJobs;
    bool m_replayGateway = false;
    QGraphicsScene *m_scene;
    std::vector<Node> m_nodes;
    std::vector<Pulse> m_pulses;
    std::vector<Arrow> m_arrows;
    QHash<QByteArray, PushOutcome> m_lastPush; // job (or target) → its last push, for tooltips
    QHash<QByteArray, QString> m_lastScrape;   // target → "" when up, else its last error
    QHash<QByteArray, QStringList> m_firing;   // node → names of its firing alerts
    QGraphicsPathItem *m_links = nullptr;
    QTimer m_tick;
    QElapsedTimer m_wall; // animation time: wall time, never the lab's
    qreal m_zoom = 1;
    int m_rows = 0;                // targets per column (per row when vertical) of the last layout
    bool m_gatewayScraped = false; // some scrape config targets the gateway
    QSet<QByteArray> m_scraped;    // subjects of the scraper's active targets
    std::vector<std::pair<QByteArray, QByteArray>> m_linked; // static links drawn, by name
    bool m_vertical = false; // server, targets, gateway top to bottom: when that draws larger
};

} // namespace ppl
