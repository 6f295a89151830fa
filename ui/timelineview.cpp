#include "timelineview.h"

#include "alertsmodel.h"
#include "lab/lab.h"
#include "labpalette.h"
#include "rules/rulemanager.h"
#include "subjecttext.h"
#include "util/clock.h"

#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QSet>
#include <QToolTip>

#include <algorithm>

namespace ppl {

namespace {

constexpr size_t MaxMarks = 20000;
constexpr qreal LabelWidth = 150;

// When a job's run began: now for a running one, its end minus its duration otherwise.
qint64 runStartMs(const LabEvent &e, const JobEvent &run) {
    return run.state == JobRunState::Running ? e.atMs : e.atMs - run.durationMs;
}

// An alert's row: its name and what it is about (the lab's target or job it names, else its
// instance or job label), e.g. "TargetDown web-2".
QString alertRow(const Lab *lab, const AlertEvent &a) {
    QByteArray about = lab ? lab->subjectOfAlert(a.labels) : QByteArray();
    if (about.isEmpty())
        about = a.labels.value(QByteArrayView("instance"));
    if (about.isEmpty())
        about = a.labels.value(QByteArrayView("job"));
    return about.isEmpty() ? QString::fromUtf8(a.alert)
                           : QString::fromUtf8(a.alert) + u' ' + QString::fromUtf8(about);
}

QString clockTime(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss.zzz"));
}

} // namespace

TimelineView::TimelineView(Lab *lab, QWidget *parent)
    : ScrollingTimeView(lab, parent)
    , m_detailsLabel(new QLabel(this)) {
    setMinimumHeight(160);
    m_detailsLabel->setObjectName(QStringLiteral("timelineDetails"));
    m_detailsLabel->setWordWrap(true);
    m_detailsLabel->setTextFormat(Qt::PlainText);
    m_detailsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailsLabel->setFrameShape(QFrame::StyledPanel);
    m_detailsLabel->setAutoFillBackground(true);
    m_detailsLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_detailsLabel->setFont(scaledFont());
    m_detailsLabel->hide();
    setMouseTracking(false);
    // Marks arrive many a second; the base repaints at most 4 times a second.
    if (lab) {
        connect(lab->events(), &EventLog::appended, this, &TimelineView::onEvent);
        connect(lab, &Lab::scenarioLoaded, this, &TimelineView::clearMarks);
    }
}

void TimelineView::clearMarks() {
    m_marks.clear();
    m_pullRows.clear();
    m_moments.clear();
    showDetails(nullptr);
}

void TimelineView::addMoment(qint64 atMs, const QString &label) {
    m_moments.append({atMs, label});
    update();
}

QString TimelineView::pullRow(const QByteArray &subject) {
    // The lab's own targets and jobs by name; the configuration's other targets by instance
    // with their badge, e.g. "127.0.0.1:3000 (outside the lab)". Asked once per subject.
    const auto known = m_pullRows.constFind(subject);
    if (known != m_pullRows.cend())
        return *known;
    QString row = QString::fromUtf8(subject);
    if (m_lab)
        if (const auto other = m_lab->unsimulatedScrapeSubject(subject))
            row = tr("%1 (%2)", "a target and its badge, e.g. outside the lab")
                      .arg(row, SubjectText::badge(other->kind));
    m_pullRows.insert(subject, row);
    return row;
}

void TimelineView::zoomChanged() {
    m_detailsLabel->setFont(scaledFont());
    resizeEvent(nullptr);
}

qreal TimelineView::detailsHeight() const {
    // Room for three lines: the title, the fields, an error.
    return QFontMetricsF(scaledFont()).lineSpacing() * 3 + 12;
}

void TimelineView::resizeEvent(QResizeEvent *) {
    const int h = int(detailsHeight());
    m_detailsLabel->setGeometry(4, height() - h, width() - 8, h - 4);
}

void TimelineView::showDetails(const Mark *mark) {
    m_selected = mark;
    m_details = mark ? eventDetails(mark->event) : QString();
    m_detailsLabel->setText(m_details);
    m_detailsLabel->setVisible(mark != nullptr);
    update();
}

void TimelineView::onEvent(const LabEvent &e) {
    Mark m{e, Lane::Pull, {}, true};
    if (const auto *scrape = e.as<ScrapeEvent>()) {
        m.ok = scrape->up();
        if (e.subject == "gateway") {
            m.lane = Lane::Push;
            m.row = tr("server scrapes gateway");
        } else {
            m.row = pullRow(e.subject);
        }
    } else if (const auto *push = e.as<PushEvent>()) {
        m.lane = Lane::Push;
        m.ok = push->result.ok;
        m.row = SubjectText::groupingKey(push->result.groupingKey);
        if (m.row.isEmpty())
            m.row = QString::fromUtf8(e.subject);
    } else if (const auto *received = e.as<GatewayEvent>(); received && received->external) {
        // A push from outside the lab (curl, a client library): only the gateway saw it. The
        // lab's own jobs log their pushes themselves (above), so those are not drawn twice.
        m.lane = Lane::Push;
        m.ok = received->ok;
        // A first-class pusher, named by its grouping key and its client (User-Agent).
        const std::optional<GroupPusher> pusher =
            m_lab ? m_lab->outsidePusher(e.subject) : std::nullopt;
        m.row = pusher ? SubjectText::pusher(*pusher)
                       : tr("%1 (outside the lab: %2)")
                             .arg(received->group, SubjectText::client(received->userAgent));
    } else if (const auto *run = e.as<JobEvent>()) {
        // When the job did its work, on the push lane's time axis next to its pushes and the
        // gateway's scrapes: the timestamp story of a short job in one picture. A job that
        // does not push is pulled: its runs sit in the pull lane, next to its scrapes.
        const BatchJob *job = m_lab ? m_lab->job(e.subject) : nullptr;
        m.lane = job && job->spec().pushMode == JobPushMode::None ? Lane::Pull : Lane::Push;
        m.row = tr("job %1 runs").arg(QString::fromUtf8(e.subject));
        m.ok = run->state != JobRunState::Failed;
    } else if (const auto *alert = e.as<AlertEvent>()) {
        m.lane = Lane::Alert;
        m.row = alertRow(m_lab, *alert);
        m.ok = alert->to == rules::AlertState::Inactive; // resolved
    } else {
        return; // faults and restarts are in the tables and the topology
    }
    if (m_marks.size() >= MaxMarks) {
        if (m_selected == &m_marks.front())
            showDetails(nullptr);
        m_marks.pop_front();
    }
    m_marks.push_back(std::move(m));
}

int TimelineView::markCount(Lane lane, std::optional<LabEvent::Kind> kind) const {
    return int(std::count_if(m_marks.begin(), m_marks.end(), [&](const Mark &m) {
        return m.lane == lane && (!kind || m.event.kind == *kind);
    }));
}

QStringList TimelineView::rowLabels(Lane lane) const {
    const Layout l = layout();
    return lane == Lane::Pull ? l.pullRows : lane == Lane::Push ? l.pushRows : l.alertRows;
}

TimelineView::Layout TimelineView::layout() const {
    Layout l;
    const qint64 from = nowMs() - m_windowMs;
    for (const Mark &m : m_marks) {
        if (m.event.atMs < from)
            continue;
        QStringList &rows = m.lane == Lane::Pull   ? l.pullRows
                            : m.lane == Lane::Push ? l.pushRows
                                                   : l.alertRows;
        if (!rows.contains(m.row))
            rows << m.row;
    }
    l.pullRows.sort();
    l.pushRows.sort();
    l.alertRows.sort();
    l.alertLane =
        !l.alertRows.isEmpty() || (m_lab && !m_lab->ruleManager()->alertingRules().empty());
    const qreal top = 22 * m_zoom, bottom = height() - 20 * m_zoom - detailsHeight();
    // Row labels get what they need (an outside target's address and badge, a pusher's key
    // and client), between the usual width and a third of the view.
    const QFontMetricsF fm(scaledFont());
    qreal labels = LabelWidth * m_zoom;
    for (const QStringList *rows : {&l.pullRows, &l.pushRows, &l.alertRows})
        for (const QString &row : *rows)
            labels = std::max(labels, fm.horizontalAdvance(row) + 12);
    l.labelWidth = std::min(labels, std::max(LabelWidth * m_zoom, width() / 3.0));
    l.plot = QRectF(l.labelWidth, top, width() - l.labelWidth - 8, bottom - top);
    const qsizetype pullRows = std::max<qsizetype>(1, l.pullRows.size());
    const qsizetype pushRows = std::max<qsizetype>(1, l.pushRows.size());
    const qsizetype alertRows = l.alertLane ? std::max<qsizetype>(1, l.alertRows.size()) + 1 : 0;
    const int rows = int(pullRows + pushRows + 1 + alertRows); // +1: each lane gap
    l.rowHeight = l.plot.height() / rows;
    l.pushTop = l.plot.top() + l.rowHeight * (pullRows + 1);
    l.alertTop = l.pushTop + l.rowHeight * (pushRows + 1);
    return l;
}

QPointF TimelineView::markPosition(const Mark &m, const Layout &l, qint64 from) const {
    const QStringList &rows = m.lane == Lane::Pull   ? l.pullRows
                              : m.lane == Lane::Push ? l.pushRows
                                                     : l.alertRows;
    const qreal top = m.lane == Lane::Pull   ? l.plot.top()
                      : m.lane == Lane::Push ? l.pushTop
                                             : l.alertTop;
    const int row = int(rows.indexOf(m.row));
    const qreal y = top + l.rowHeight * (row + 0.5);
    return {l.xFor(m.event.atMs, from, m_windowMs), y};
}

QPoint TimelineView::newestMarkPosition(Lane lane, std::optional<LabEvent::Kind> kind) const {
    const Layout l = layout();
    const qint64 from = nowMs() - m_windowMs;
    for (auto it = m_marks.rbegin(); it != m_marks.rend(); ++it)
        if (it->lane == lane && (!kind || it->event.kind == *kind) && it->event.atMs >= from)
            return markPosition(*it, l, from).toPoint();
    return {-1, -1};
}

void TimelineView::paintEvent(QPaintEvent *) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setRenderHint(QPainter::Antialiasing);
    const QFont f = scaledFont();
    p.setFont(f);
    const Layout l = layout();
    const qint64 now = nowMs(), from = now - m_windowMs;

    // Lane titles and row labels.
    const QColor text = palette().text().color();
    const QColor grid = palette().mid().color();
    p.setPen(text);
    QFont bold = f;
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRectF(4, 2, width(), 20 * m_zoom), Qt::AlignLeft | Qt::AlignVCenter,
               tr("PULL: the server scrapes each target"));
    p.drawText(QRectF(4, l.pushTop - l.rowHeight, width(), l.rowHeight),
               Qt::AlignLeft | Qt::AlignVCenter,
               tr("PUSH: jobs push to the gateway; the server scrapes the gateway"));
    if (l.alertLane)
        p.drawText(QRectF(4, l.alertTop - l.rowHeight, width(), l.rowHeight),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   tr("ALERTS: %1 pending, %2 firing, %3 resolved")
                       .arg(AlertsModel::stateSymbol(rules::AlertState::Pending),
                            AlertsModel::stateSymbol(rules::AlertState::Firing),
                            QStringLiteral("✔")));
    p.setFont(f);
    const auto drawRows = [&](const QStringList &rows, qreal top) {
        for (int i = 0; i < rows.size(); ++i) {
            const qreal y = top + l.rowHeight * i;
            p.setPen(grid);
            p.drawLine(QPointF(l.plot.left(), y + l.rowHeight / 2),
                       QPointF(l.plot.right(), y + l.rowHeight / 2));
            p.setPen(text);
            p.drawText(QRectF(4, y, l.labelWidth - 8, l.rowHeight),
                       Qt::AlignRight | Qt::AlignVCenter,
                       p.fontMetrics().elidedText(rows[i], Qt::ElideMiddle, int(l.labelWidth - 8)));
        }
    };
    drawRows(l.pullRows, l.plot.top());
    drawRows(l.pushRows, l.pushTop);
    if (l.alertLane)
        drawRows(l.alertRows, l.alertTop);

    // Time ticks every fifth of the window; the last label ends at the edge, not past it.
    p.setPen(grid);
    const qreal labelWidth = p.fontMetrics().horizontalAdvance(QStringLiteral("00:00:00")) + 8;
    for (int i = 0; i <= 5; ++i) {
        const qint64 t = from + m_windowMs * i / 5;
        const qreal x = l.xFor(t, from, m_windowMs);
        p.drawLine(QPointF(x, l.plot.top()), QPointF(x, l.plot.bottom()));
        p.setPen(text);
        const qreal x0 = i == 5 ? x - labelWidth : x - labelWidth / 2;
        p.drawText(QRectF(x0, l.plot.bottom() + 2, labelWidth, 18 * m_zoom),
                   (i == 5 ? Qt::AlignRight : Qt::AlignHCenter) | Qt::AlignVCenter,
                   QDateTime::fromMSecsSinceEpoch(t).toString(QStringLiteral("HH:mm:ss")));
        p.setPen(grid);
    }

    // Moments (a lesson's step passed): a dashed line with its label at the top.
    for (const auto &[at, label] : std::as_const(m_moments)) {
        if (at < from || at > now)
            continue;
        const qreal x = l.xFor(at, from, m_windowMs);
        const QColor colour = palette().highlight().color();
        p.setPen(QPen(colour, 2 * m_zoom, Qt::DashLine));
        p.drawLine(QPointF(x, l.plot.top()), QPointF(x, l.plot.bottom()));
        // The label in the lanes' title line, on a plate so marks do not cross it.
        const qreal w = p.fontMetrics().horizontalAdvance(label) + 10;
        const qreal h = p.fontMetrics().height() + 4;
        const qreal x0 = x + w + 2 > l.plot.right() ? x - w - 2 : x + 2;
        const QRectF plate(x0, std::max(2.0, l.plot.top() - h - 2), w, h);
        p.setPen(QPen(colour, 1));
        p.setBrush(palette().base());
        p.drawRoundedRect(plate, 3, 3);
        p.setPen(colour);
        p.drawText(plate, Qt::AlignCenter, label);
        p.setBrush(Qt::NoBrush);
    }

    // Job runs: a hatched bar from start to end (to now while running).
    const qreal r = std::clamp(l.rowHeight * 0.3, 3.0, 7.0 * m_zoom);
    QSet<QString> finishedRuns;
    for (const Mark &m : m_marks)
        if (const auto *job = m.event.as<JobEvent>(); job && job->state != JobRunState::Running)
            finishedRuns.insert(m.row + u'#' + QString::number(job->run));
    for (const Mark &m : m_marks) {
        const auto *job = m.event.as<JobEvent>();
        if (!job)
            continue;
        const bool running = job->state == JobRunState::Running;
        const QString run = m.row + u'#' + QString::number(job->run);
        if (running && finishedRuns.contains(run))
            continue; // drawn from its end event
        const qint64 start = runStartMs(m.event, *job);
        const qint64 end = running ? now : m.event.atMs;
        if (end < from || start > now)
            continue;
        const QPointF c = markPosition(m, l, from);
        const qreal x0 = l.xFor(std::max(start, from), from, m_windowMs);
        const qreal x1 = std::max(x0 + 2, l.xFor(std::min(end, now), from, m_windowMs));
        const QColor colour = m.ok ? LabPalette::okColor() : LabPalette::failColor();
        p.setPen(QPen(colour, 1));
        p.setBrush(QBrush(colour, m.ok ? Qt::BDiagPattern : Qt::DiagCrossPattern));
        p.drawRect(QRectF(x0, c.y() - r, x1 - x0, 2 * r));
    }

    // Marks: shape says the kind (circle scrape, triangle push), a cross says it failed.
    for (const Mark &m : m_marks) {
        if (m.event.atMs < from || m.event.atMs > now || m.event.kind == LabEvent::Kind::Job)
            continue;
        const QPointF c = markPosition(m, l, from);
        const QColor colour = m.ok ? LabPalette::okColor() : LabPalette::failColor();
        if (m.lane == Lane::Alert) {
            drawAlertMark(p, m, c, r);
        } else if (!m.ok) {
            drawCross(p, c, r, colour, 2.5 * m_zoom);
        } else if (m.event.kind == LabEvent::Kind::Push || m.event.as<GatewayEvent>()) {
            drawTriangle(p, c, r, colour); // a push, the lab's or from outside
        } else {
            p.setPen(Qt::NoPen);
            p.setBrush(colour);
            p.drawEllipse(c, r, r);
        }
        if (&m == m_selected) {
            p.setPen(QPen(text, 1.5));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(c - QPointF(r + 3, r + 3), QSizeF(2 * r + 6, 2 * r + 6)));
        }
    }

    if (!m_selected) {
        p.setPen(grid);
        p.drawText(QRectF(m_detailsLabel->geometry()).adjusted(4, 4, -4, -4),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   tr("Click a mark (or hover over it) to see its details: status, error, "
                      "samples, bytes, duration and time."));
    }
}

// Shape first: ◇ pending (hollow diamond), ◆ firing (filled diamond), ✔ resolved (a tick).
void TimelineView::drawAlertMark(QPainter &p, const Mark &m, QPointF c, qreal r) const {
    const auto *alert = m.event.as<AlertEvent>();
    const rules::AlertState to = alert ? alert->to : rules::AlertState::Inactive;
    const qreal d = r * 1.3;
    const QPolygonF diamond(
        {c + QPointF(0, -d), c + QPointF(d, 0), c + QPointF(0, d), c + QPointF(-d, 0)});
    switch (to) {
    case rules::AlertState::Pending:
        p.setPen(QPen(LabPalette::stateColor(LabPalette::State::Hung), 2 * m_zoom));
        p.setBrush(palette().base());
        p.drawPolygon(diamond);
        break;
    case rules::AlertState::Firing:
        p.setPen(QPen(palette().text().color(), 1 * m_zoom));
        p.setBrush(LabPalette::failColor());
        p.drawPolygon(diamond);
        break;
    case rules::AlertState::Inactive: {
        QPen pen(LabPalette::okColor(), 2.5 * m_zoom, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(QPolygonF(
            {c + QPointF(-r, 0), c + QPointF(-r / 3, r * 0.8), c + QPointF(r, -r * 0.8)}));
        break;
    }
    }
}

QString TimelineView::eventDetails(const LabEvent &e) {
    const QLocale locale;
    QString title;
    QStringList fields;
    const auto add = [&](const QString &key, const QString &value) {
        if (!value.isEmpty())
            fields << tr("%1: %2", "a detail of a timeline mark: key, value").arg(key, value);
    };
    const auto number = [&](qint64 n) { return locale.toString(n); };
    const auto bytes = [&](qint64 n) { return tr("%1 bytes").arg(locale.toString(n)); };
    const auto duration = [&](qint64 ms) { return tr("%1 ms").arg(locale.toString(ms)); };
    const auto status = [&](int code) {
        return code == 0 ? tr("no answer") : QString::number(code);
    };
    const auto result = [&](bool ok) {
        return ok ? LabPalette::stateSymbol(LabPalette::State::Up) + u' ' + tr("accepted")
                  : LabPalette::stateSymbol(LabPalette::State::Down) + u' ' + tr("rejected");
    };
    const QString subject = QString::fromUtf8(e.subject);
    if (const auto *scrape = e.as<ScrapeEvent>()) {
        title = subject == u"gateway" ? tr("The server scraped the gateway")
                                      : tr("The server scraped %1").arg(subject);
        add(tr("Result"),
            LabPalette::stateLabel(scrape->up() ? LabPalette::State::Up : LabPalette::State::Down));
        add(tr("HTTP status"), status(scrape->httpStatus));
        add(tr("Samples"), number(scrape->samples));
        add(tr("Bytes"), bytes(scrape->bytes));
        add(tr("Duration"), duration(scrape->durationMs));
        add(tr("Time"), clockTime(e.atMs));
        add(tr("Scrape job"), QString::fromUtf8(scrape->job));
        add(tr("Error"), scrape->error);
    } else if (const auto *push = e.as<PushEvent>()) {
        const PushResult &r = push->result;
        const QString group = SubjectText::groupingKey(r.groupingKey);
        title = push->isDelete() ? tr("%1 deleted the group %2 on the gateway").arg(subject, group)
                                 : tr("%1 pushed the group %2 to the gateway").arg(subject, group);
        add(tr("Result"), result(r.ok));
        add(tr("HTTP status"), status(r.status));
        add(tr("Method"), QString::fromUtf8(pushMethodVerb(r.method)));
        add(tr("Bytes"), bytes(r.bytes));
        add(tr("Duration"), duration(r.durationMs));
        add(tr("Time"), clockTime(e.atMs));
        add(tr("Error"), r.reason);
    } else if (const auto *received = e.as<GatewayEvent>()) {
        // A push from outside the lab, as the gateway saw it.
        title = tr("An outside client pushed %1 to the gateway").arg(received->group);
        add(tr("Result"), result(received->ok));
        add(tr("HTTP status"), status(received->status));
        add(tr("Method"), received->method);
        add(tr("Client"), QString::fromUtf8(received->userAgent));
        add(tr("Time"), clockTime(e.atMs));
        add(tr("Error"), received->reason);
    } else if (const auto *job = e.as<JobEvent>()) {
        title = tr("Run %1 of job %2").arg(number(qint64(job->run)), subject);
        const bool running = job->state == JobRunState::Running;
        add(tr("State"), running                                ? tr("running")
                         : job->state == JobRunState::Succeeded ? tr("succeeded")
                         : job->state == JobRunState::Stopped   ? tr("stopped")
                                                                : tr("failed"));
        if (!running) {
            add(tr("Exit code"), number(job->exitCode));
            add(tr("Records"), number(qint64(job->records)));
            add(tr("Duration"), duration(job->durationMs));
        }
        add(tr("Time"), clockTime(e.atMs));
    } else if (const auto *alert = e.as<AlertEvent>()) {
        const QString name = QString::fromUtf8(alert->alert);
        title = alert->to == rules::AlertState::Firing    ? tr("Alert %1 fired").arg(name)
                : alert->to == rules::AlertState::Pending ? tr("Alert %1 is pending").arg(name)
                                                          : tr("Alert %1 resolved").arg(name);
        add(tr("State"), AlertsModel::stateLabel(alert->from) + QStringLiteral(" → ") +
                             AlertsModel::stateLabel(alert->to));
        QStringList labels;
        for (const auto &[n, v] : alert->labels.toPairs())
            if (n != "alertname")
                labels << QString::fromUtf8(n) + QStringLiteral("=\"") + QString::fromUtf8(v) +
                              u'"';
        add(tr("Labels"), labels.join(QStringLiteral(", ")));
        add(tr("Value"), QString::number(alert->value, 'g', 12));
        add(tr("Rule group"), QString::fromUtf8(alert->group));
        add(tr("Time"), clockTime(e.atMs));
    } else {
        title = e.message;
        add(tr("Time"), clockTime(e.atMs));
    }
    return title + u'\n' + fields.join(QStringLiteral("   "));
}

const TimelineView::Mark *TimelineView::markAt(const QPointF &pos) const {
    const Layout l = layout();
    const qint64 from = nowMs() - m_windowMs;
    const Mark *best = nullptr;
    qreal bestDistance = 10 * m_zoom;
    for (const Mark &m : m_marks) {
        if (m.event.atMs < from || m.event.kind == LabEvent::Kind::Job)
            continue;
        const qreal d = QLineF(markPosition(m, l, from), pos).length();
        if (d < bestDistance) {
            bestDistance = d;
            best = &m;
        }
    }
    if (best)
        return best;
    // A job's run: anywhere on its bar.
    for (const Mark &m : m_marks) {
        const auto *job = m.event.as<JobEvent>();
        if (!job || m.event.atMs < from)
            continue;
        const QPointF c = markPosition(m, l, from);
        const qint64 start = runStartMs(m.event, *job);
        const qreal x0 = l.xFor(start, from, m_windowMs);
        if (std::abs(pos.y() - c.y()) < l.rowHeight / 2 && pos.x() >= x0 - 4 &&
            pos.x() <= c.x() + 4)
            best = &m; // the newest event of a run wins: its end carries the duration
    }
    return best;
}

bool TimelineView::event(QEvent *event) {
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (const Mark *m = markAt(help->pos()))
            QToolTip::showText(help->globalPos(), eventDetails(m->event), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void TimelineView::mousePressEvent(QMouseEvent *event) {
    const Mark *m = markAt(event->position());
    showDetails(m);
    if (m)
        Q_EMIT markClicked(m_details);
}

} // namespace ppl
