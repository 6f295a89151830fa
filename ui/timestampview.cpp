#include "timestampview.h"

#include "lab/lab.h"
#include "labpalette.h"
#include "sim/batchjob.h"
#include "storage/seriesstore.h"
#include "subjecttext.h"
#include "timelineview.h"
#include "util/clock.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QSet>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace ppl {

namespace {

constexpr size_t MaxPerJob = 5000;
constexpr size_t MaxTicks = 20000;
constexpr qreal LabelWidth = 170;
// A push and the push_time_seconds the gateway stamped on it differ by the request's trip;
// within this, the stored push time belongs to the push mark the view drew.
constexpr qint64 PushMatchMs = 3000;

QString clockTime(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString seconds(qint64 ms) {
    return QLocale().toString(double(ms) / 1000.0, 'f', 1);
}

} // namespace

TimestampView::TimestampView(Lab *lab, QWidget *parent)
    : ScrollingTimeView(lab, parent)
    , m_header(new QWidget(this))
    , m_jobLabel(new QLabel(tr("&Job:")))
    , m_jobs(new QComboBox) {
    setMinimumHeight(160); // its three lanes and axis; less lets a 1366×768 window fit
    m_jobs->setObjectName(QStringLiteral("timestampJob"));
    m_jobs->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_jobs->setToolTip(tr("The job whose work, pushes and gateway scrapes are shown"));
    m_jobLabel->setBuddy(m_jobs);
    auto *row = new QHBoxLayout(m_header);
    row->setContentsMargins(6, 4, 6, 0);
    row->addWidget(m_jobLabel);
    row->addWidget(m_jobs);
    row->addStretch(1);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_header);
    outer->addStretch(1);
    setZoom(1);
    connect(m_jobs, &QComboBox::currentIndexChanged, this, [this] { update(); });

    if (lab) {
        connect(lab->events(), &EventLog::appended, this, &TimestampView::onEvent);
        connect(lab, &Lab::jobsChanged, this, &TimestampView::reloadJobs);
        // A grouping key pushed from outside the lab is a pusher to pick like a job.
        connect(lab, &Lab::outsidePushersChanged, this, &TimestampView::reloadJobs);
        connect(lab, &Lab::scenarioLoaded, this, [this] {
            clearAll();
            reloadJobs();
        });
        // What happened before the view was opened.
        for (const LabEvent &e : lab->events()->since(0, lab->events()->capacity()).events)
            onEvent(e);
    }
    reloadJobs();
}

void TimestampView::zoomChanged() {
    m_header->setFont(scaledFont());
}

QByteArray TimestampView::job() const {
    return m_jobs->currentData().toByteArray();
}

void TimestampView::setJob(const QByteArray &name) {
    const int i = m_jobs->findData(name);
    if (i >= 0)
        m_jobs->setCurrentIndex(i);
}

void TimestampView::reloadJobs() {
    const QByteArray current = job();
    QList<QByteArray> names;
    if (m_lab)
        for (BatchJob *j : m_lab->jobs())
            names << j->name();
    std::sort(names.begin(), names.end());
    const QSignalBlocker block(m_jobs);
    m_jobs->clear();
    for (const QByteArray &n : std::as_const(names))
        m_jobs->addItem(QString::fromUtf8(n), n);
    if (m_lab)
        for (const GroupPusher &p : m_lab->outsidePushers()) {
            names << p.name;
            m_jobs->addItem(SubjectText::pusher(p), p.name);
        }
    const int i = m_jobs->findData(current);
    m_jobs->setCurrentIndex(i >= 0 ? i : 0);
    m_jobs->setEnabled(!names.isEmpty());
    update();
}

void TimestampView::clearAll() {
    m_tracks.clear();
    m_ticks.clear();
    update();
}

void TimestampView::onEvent(const LabEvent &e) {
    const auto *scrape = e.as<ScrapeEvent>();
    const auto *push = e.as<PushEvent>();
    const auto *run = e.as<JobEvent>();
    if (scrape && e.subject == "gateway") {
        Tick t;
        t.atMs = scrape->startMs;
        t.up = scrape->up();
        t.event = e;
        if (m_ticks.size() >= MaxTicks)
            m_ticks.pop_front();
        m_ticks.push_back(std::move(t));
    } else if (push && push->from == PushEvent::From::Job) {
        Track &track = m_tracks[e.subject];
        if (track.pushes.size() >= MaxPerJob)
            track.pushes.pop_front();
        track.pushes.push_back({e, push->result.ok, push->isDelete()});
    } else if (const auto *received = e.as<GatewayEvent>(); received && received->external) {
        // A push from outside the lab, as the gateway saw it: its track is its grouping key.
        Track &track = m_tracks[e.subject];
        if (track.pushes.size() >= MaxPerJob)
            track.pushes.pop_front();
        track.pushes.push_back({e, received->ok, received->method == u"DELETE"});
    } else if (run) {
        Track &track = m_tracks[e.subject];
        const quint64 number = run->run;
        const JobRunState state = run->state;
        auto it = std::find_if(track.runs.begin(), track.runs.end(),
                               [&](const Run &r) { return r.number == number; });
        if (it == track.runs.end()) {
            if (track.runs.size() >= MaxPerJob)
                track.runs.pop_front();
            Run r;
            r.number = number;
            r.startMs = state == JobRunState::Running ? e.atMs : e.atMs - run->durationMs;
            track.runs.push_back(r);
            it = track.runs.end() - 1;
        }
        it->state = state;
        it->last = e;
        if (state != JobRunState::Running)
            it->endMs = e.atMs;
    } else {
        return;
    }
    if (e.subject == job() || e.subject == "gateway")
        update();
}

const TimestampView::Track *TimestampView::track() const {
    const auto it = m_tracks.find(job());
    return it == m_tracks.end() ? nullptr : &it->second;
}

std::vector<TimestampView::Link> TimestampView::links(qint64 from, qint64 to) const {
    std::vector<Link> out;
    const QByteArray name = job();
    if (!m_lab || !m_lab->store() || name.isEmpty())
        return out;
    std::vector<LabelPair> key;
    if (BatchJob *j = m_lab->job(name))
        key = j->groupingKey();
    else if (const auto pusher = m_lab->outsidePusher(name); pusher && !pusher->groupingKey.empty())
        key = pusher->groupingKey;
    else
        key.push_back({"job", name});
    SeriesStore *store = m_lab->store();
    const std::vector<LabelMatcher> matchers{
        *LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "push_time_seconds")};
    const Track *t = track();
    for (const SeriesStore::SeriesId id : store->select(matchers, from, to)) {
        // The group's labels, as they are (honor_labels) or renamed exported_* when they
        // clashed with the gateway target's own.
        const Labels &labels = store->labels(id);
        const bool ours = std::all_of(key.begin(), key.end(), [&](const LabelPair &l) {
            return labels.value(l.name) == l.value ||
                   labels.value(QByteArray("exported_") + l.name) == l.value;
        });
        if (!ours)
            continue;
        for (const StoredSample &s : store->samples(id, from, to)) {
            if (isStaleMarker(s.value) || !std::isfinite(s.value))
                continue;
            Link link;
            link.tickMs = s.timestampMs;
            link.pushTimeMs = qRound64(s.value * 1000);
            qint64 best = PushMatchMs + 1;
            if (t) {
                // Pushes arrive in time order: look only at those near the stored push time.
                auto it = std::lower_bound(
                    t->pushes.begin(), t->pushes.end(), link.pushTimeMs - PushMatchMs,
                    [](const Push &p, qint64 ms) { return p.event.atMs < ms; });
                for (; it != t->pushes.end() && it->event.atMs <= link.pushTimeMs + PushMatchMs;
                     ++it) {
                    const qint64 gap = std::abs(it->event.atMs - link.pushTimeMs);
                    if (it->ok && !it->deletion && gap < best) {
                        best = gap;
                        link.push = &*it;
                    }
                }
            }
            out.push_back(link);
        }
    }
    return out;
}

int TimestampView::runCount() const {
    const Track *t = track();
    if (!t)
        return 0;
    const qint64 now = nowMs(), from = now - m_windowMs;
    return int(std::count_if(t->runs.begin(), t->runs.end(), [&](const Run &r) {
        return r.startMs <= now && (r.endMs < 0 || r.endMs >= from);
    }));
}

int TimestampView::pushCount() const {
    const Track *t = track();
    if (!t)
        return 0;
    const qint64 now = nowMs(), from = now - m_windowMs;
    return int(std::count_if(t->pushes.begin(), t->pushes.end(), [&](const Push &p) {
        return p.event.atMs >= from && p.event.atMs <= now;
    }));
}

int TimestampView::gatewayScrapeCount(qint64 sinceMs) const {
    const qint64 now = nowMs(), from = std::max(sinceMs, now - m_windowMs);
    return int(std::count_if(m_ticks.begin(), m_ticks.end(),
                             [&](const Tick &t) { return t.atMs >= from && t.atMs <= now; }));
}

int TimestampView::linkCount() const {
    const qint64 now = nowMs();
    return int(links(now - m_windowMs, now).size());
}

int TimestampView::linkedPushCount() const {
    const qint64 now = nowMs();
    QSet<const Push *> pushes;
    for (const Link &l : links(now - m_windowMs, now))
        if (l.push)
            pushes.insert(l.push);
    return int(pushes.size());
}

QPoint TimestampView::pushMarkPosition() const {
    const Track *t = track();
    const Geometry g = geometry();
    if (t)
        for (auto it = t->pushes.rbegin(); it != t->pushes.rend(); ++it)
            if (it->event.atMs >= g.from && it->event.atMs <= g.now)
                return QPointF(g.xFor(it->event.atMs), g.pushY).toPoint();
    return {-1, -1};
}

qreal TimestampView::legendHeight() const {
    return QFontMetricsF(scaledFont()).lineSpacing() * 2 + 12;
}

TimestampView::Geometry TimestampView::geometry() const {
    Geometry g;
    g.now = nowMs();
    g.window = m_windowMs;
    g.from = g.now - g.window;
    const QFontMetricsF fm(scaledFont());
    const qreal top = m_header->geometry().bottom() + fm.lineSpacing() + 8;
    const qreal bottom = height() - legendHeight() - fm.lineSpacing() - 6;
    g.plot = QRectF(LabelWidth * m_zoom, top, std::max(10.0, width() - LabelWidth * m_zoom - 12),
                    std::max(30.0, bottom - top));
    // Work and pushes close together; the scrapes lower, so the lines between are long enough
    // to see which push each one reaches.
    g.rowHeight = g.plot.height() / 4;
    g.workY = g.plot.top() + g.rowHeight * 0.5;
    g.pushY = g.plot.top() + g.rowHeight * 1.5;
    g.scrapeY = g.plot.top() + g.rowHeight * 3.5;
    return g;
}

void TimestampView::paintEvent(QPaintEvent *) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setRenderHint(QPainter::Antialiasing);
    const QFont f = scaledFont();
    p.setFont(f);
    const QFontMetricsF fm(f);
    const Geometry g = geometry();
    const QColor text = palette().text().color();
    const QColor grid = palette().mid().color();
    const QColor ok = LabPalette::okColor(), fail = LabPalette::failColor();
    const qreal r = std::clamp(g.rowHeight * 0.22, 3.0, 7.0 * m_zoom);
    const QByteArray name = job();

    const BatchJob *batch = m_lab && !name.isEmpty() ? m_lab->job(name) : nullptr;
    const std::optional<GroupPusher> outside =
        m_lab && !batch && !name.isEmpty() ? m_lab->outsidePusher(name) : std::nullopt;
    QString caption = tr("One time axis for job %1: when it worked, when it pushed, and each "
                         "time the server scraped the gateway.")
                          .arg(QString::fromUtf8(name));
    if (name.isEmpty())
        caption = tr("No job in this lab: add one to see its timestamps.");
    else if (outside)
        caption = tr("%1, pushed from outside the lab by %2: its pushes and each time the "
                     "server scraped the gateway.")
                      .arg(SubjectText::groupingKey(outside->groupingKey),
                           QString::fromUtf8(outside->userAgent));
    else if (batch && batch->spec().pushMode == JobPushMode::None)
        caption = tr("Job %1 does not push: nothing of it reaches the gateway, only a scrape "
                     "while it runs would see it.")
                      .arg(QString::fromUtf8(name));
    p.setPen(text);
    p.drawText(QRectF(6, m_header->geometry().bottom() + 2, width() - 12, fm.lineSpacing() + 4),
               Qt::AlignLeft | Qt::AlignVCenter, caption);

    // Rows and their labels.
    const struct {
        qreal y;
        QString label;
    } rows[] = {{g.workY, outside ? tr("work not seen") : tr("job works")},
                {g.pushY, outside ? tr("client pushes") : tr("job pushes")},
                {g.scrapeY, tr("server scrapes gateway")}};
    for (const auto &row : rows) {
        p.setPen(QPen(grid, 1, Qt::DotLine));
        p.drawLine(QPointF(g.plot.left(), row.y), QPointF(g.plot.right(), row.y));
        p.setPen(text);
        p.drawText(QRectF(4, row.y - g.rowHeight / 2, LabelWidth * m_zoom - 12, g.rowHeight),
                   Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(row.label, Qt::ElideRight, LabelWidth * m_zoom - 12));
    }

    // Time axis: six labelled ticks.
    for (int i = 0; i <= 5; ++i) {
        const qint64 t = g.from + g.window * i / 5;
        const qreal x = g.xFor(t);
        p.setPen(QPen(grid, 1));
        p.drawLine(QPointF(x, g.plot.top()), QPointF(x, g.plot.bottom()));
        p.setPen(text);
        const Qt::Alignment align = i == 0   ? Qt::AlignLeft
                                    : i == 5 ? Qt::AlignRight
                                             : Qt::AlignHCenter;
        const qreal w = fm.horizontalAdvance(QStringLiteral("00:00:00")) + 8;
        const qreal x0 = i == 0 ? x : i == 5 ? x - w : x - w / 2;
        p.drawText(QRectF(x0, g.plot.bottom() + 2, w, fm.lineSpacing() + 2), align | Qt::AlignTop,
                   QDateTime::fromMSecsSinceEpoch(t).toString(QStringLiteral("HH:mm:ss")));
    }

    const Track *t = track();
    p.save();
    p.setClipRect(g.plot.adjusted(-r - 2, -r - 2, r + 2, r + 2));

    // The lines first, under the marks: each gateway scrape to the push it returned.
    const std::vector<Link> ls = links(g.from, g.now);
    std::map<const Push *, int> collected;
    QColor lineColour = text;
    lineColour.setAlphaF(0.35);
    p.setPen(QPen(lineColour, 1));
    for (const Link &l : ls) {
        const qreal pushX = g.xFor(l.push ? l.push->event.atMs : l.pushTimeMs);
        p.drawLine(QPointF(g.xFor(l.tickMs), g.scrapeY - r), QPointF(pushX, g.pushY + r));
        if (l.push)
            ++collected[l.push];
    }

    // Runs: a hatched bar from start to end, to now while running.
    if (t)
        for (const Run &run : t->runs) {
            const qint64 end = run.endMs < 0 ? g.now : run.endMs;
            if (end < g.from || run.startMs > g.now)
                continue;
            const bool good = run.state != JobRunState::Failed;
            const QColor c = good ? ok : fail;
            const qreal x0 = g.xFor(std::max(run.startMs, g.from));
            const qreal x1 = std::max(x0 + 3, g.xFor(std::min(end, g.now)));
            p.setPen(QPen(c, 1.5));
            p.setBrush(QBrush(c, good ? Qt::BDiagPattern : Qt::DiagCrossPattern));
            p.drawRect(QRectF(x0, g.workY - r * 1.4, x1 - x0, r * 2.8));
        }

    // Pushes, with how often the server collected each.
    if (t)
        for (const Push &push : t->pushes) {
            if (push.event.atMs < g.from || push.event.atMs > g.now)
                continue;
            const QPointF c(g.xFor(push.event.atMs), g.pushY);
            if (!push.ok)
                drawCross(p, c, r, fail, 2.5 * m_zoom);
            else if (push.deletion)
                drawSquare(p, c, r, text, 2 * m_zoom);
            else
                drawTriangle(p, c, r, ok);
            const auto it = collected.find(&push);
            if (it != collected.end()) {
                p.setPen(text);
                p.drawText(QRectF(c.x() + r + 3, c.y() - fm.lineSpacing() - r,
                                  fm.horizontalAdvance(QStringLiteral("×0000")) + 6,
                                  fm.lineSpacing()),
                           Qt::AlignLeft | Qt::AlignVCenter,
                           tr("×%1", "how many scrapes returned this push").arg(it->second));
            }
        }

    // Every scrape of the gateway: a tick, a cross on it when the scrape failed.
    for (const Tick &tick : m_ticks) {
        if (tick.atMs < g.from || tick.atMs > g.now)
            continue;
        const qreal x = g.xFor(tick.atMs);
        p.setPen(QPen(tick.up ? text : fail, 2 * m_zoom));
        p.drawLine(QPointF(x, g.scrapeY - r), QPointF(x, g.scrapeY + r));
        if (!tick.up)
            drawCross(p, QPointF(x, g.scrapeY + r * 2), r * 0.6, fail, 1.5 * m_zoom);
    }
    p.restore();

    // The point of the picture, in words: what the newest scrape returned, and how old it was.
    if (!ls.empty()) {
        const Link &last = *std::max_element(
            ls.begin(), ls.end(), [](const Link &a, const Link &b) { return a.tickMs < b.tickMs; });
        p.setPen(text);
        p.drawText(QRectF(g.plot.left(), g.scrapeY + r + 2, g.plot.width(), g.rowHeight / 2 + 4),
                   Qt::AlignRight | Qt::AlignTop,
                   tr("newest scrape returned the push of %1, %2 s old")
                       .arg(QDateTime::fromMSecsSinceEpoch(last.pushTimeMs)
                                .toString(QStringLiteral("HH:mm:ss")),
                            seconds(last.tickMs - last.pushTimeMs)));
    } else if (!name.isEmpty() && gatewayScrapeCount() > 0) {
        p.setPen(text);
        p.drawText(QRectF(g.plot.left(), g.scrapeY + r + 2, g.plot.width(), g.rowHeight / 2 + 4),
                   Qt::AlignRight | Qt::AlignTop,
                   tr("no scrape in view returned a value pushed by this job"));
    }

    paintLegend(p, QRectF(4, height() - legendHeight(), width() - 8, legendHeight() - 4));
}

void TimestampView::paintLegend(QPainter &p, const QRectF &area) const {
    const QFontMetricsF fm(p.font());
    const QColor text = palette().text().color();
    const QColor ok = LabPalette::okColor(), fail = LabPalette::failColor();
    const qreal r = 5 * m_zoom, sym = 22 * m_zoom, gap = 14 * m_zoom, pad = 4 * m_zoom;
    enum Symbol { Bar, Accepted, Rejected, Deleted, Tick, FailedTick, Line };
    const std::pair<Symbol, QString> items[] = {
        {Bar, tr("job working")},
        {Accepted, tr("push accepted")},
        {Rejected, tr("push rejected")},
        {Deleted, tr("group deleted")},
        {Tick, tr("server scraped the gateway")},
        {FailedTick, tr("that scrape failed")},
        {Line, tr("the scrape returned this push's value")},
    };
    qreal x = area.left(), y = area.top() + fm.lineSpacing() / 2 + 2;
    for (const auto &[symbol, label] : items) {
        const qreal w = sym + pad + fm.horizontalAdvance(label) + gap;
        if (x + w > area.right() && x > area.left()) {
            x = area.left();
            y += fm.lineSpacing() + 2;
        }
        const QPointF c(x + sym / 2, y);
        switch (symbol) {
        case Bar:
            p.setPen(QPen(ok, 1.5));
            p.setBrush(QBrush(ok, Qt::BDiagPattern));
            p.drawRect(QRectF(x + 1, y - r, sym - 4, 2 * r));
            break;
        case Accepted:
            drawTriangle(p, c, r, ok);
            break;
        case Rejected:
            drawCross(p, c, r, fail, 2.5 * m_zoom);
            break;
        case Deleted:
            drawSquare(p, c, r, text, 2 * m_zoom);
            break;
        case Tick:
            p.setPen(QPen(text, 2 * m_zoom));
            p.drawLine(c + QPointF(0, -r), c + QPointF(0, r));
            break;
        case FailedTick:
            p.setPen(QPen(fail, 2 * m_zoom));
            p.drawLine(c + QPointF(-r, -r), c + QPointF(-r, r));
            drawCross(p, c + QPointF(r / 2, 0), r * 0.6, fail, 1.5 * m_zoom);
            break;
        case Line: {
            QColor lc = text;
            lc.setAlphaF(0.35);
            p.setPen(QPen(lc, 1));
            p.drawLine(QPointF(x + 1, y + r), QPointF(x + sym - 4, y - r));
            break;
        }
        }
        p.setPen(text);
        p.drawText(QRectF(x + sym + pad, y - fm.lineSpacing() / 2, w - sym - pad, fm.lineSpacing()),
                   Qt::AlignLeft | Qt::AlignVCenter, label);
        x += w;
    }
}

QString TimestampView::tooltipAt(const QPointF &pos) const {
    const Geometry g = geometry();
    const qreal reach = 6 * m_zoom;
    const Track *t = track();
    const qreal band = g.rowHeight / 2;
    if (std::abs(pos.y() - g.scrapeY) < band) {
        const Tick *best = nullptr;
        qreal bestDx = reach;
        for (const Tick &tick : m_ticks) {
            const qreal dx = std::abs(g.xFor(tick.atMs) - pos.x());
            if (tick.atMs >= g.from && dx < bestDx) {
                bestDx = dx;
                best = &tick;
            }
        }
        if (!best)
            return {};
        QString tip = tr("The server scraped the gateway at %1.").arg(clockTime(best->atMs));
        for (const Link &l : links(best->atMs, best->atMs))
            tip += u'\n' + tr("It returned the value pushed at %1, then %2 s old.")
                               .arg(clockTime(l.pushTimeMs), seconds(l.tickMs - l.pushTimeMs));
        if (best->up && links(best->atMs, best->atMs).empty())
            tip += u'\n' + tr("The gateway held nothing for this job.");
        return tip + u'\n' + TimelineView::eventDetails(best->event);
    }
    if (t && std::abs(pos.y() - g.pushY) < band) {
        const Push *best = nullptr;
        qreal bestDx = reach;
        for (const Push &push : t->pushes) {
            const qreal dx = std::abs(g.xFor(push.event.atMs) - pos.x());
            if (push.event.atMs >= g.from && dx < bestDx) {
                bestDx = dx;
                best = &push;
            }
        }
        if (!best)
            return {};
        int times = 0;
        for (const Link &l : links(g.from, g.now))
            times += l.push == best ? 1 : 0;
        QString tip = TimelineView::eventDetails(best->event);
        if (best->ok && !best->deletion)
            tip += u'\n' + tr("Collected by %1 scrapes of the gateway in view.").arg(times);
        return tip;
    }
    if (t && std::abs(pos.y() - g.workY) < band) {
        for (const Run &run : t->runs) {
            const qint64 end = run.endMs < 0 ? g.now : run.endMs;
            if (pos.x() >= g.xFor(run.startMs) - reach && pos.x() <= g.xFor(end) + reach)
                return tr("Run %1: from %2 to %3 (%4 s)")
                           .arg(run.number)
                           .arg(clockTime(run.startMs),
                                run.endMs < 0 ? tr("now, still running") : clockTime(end),
                                seconds(end - run.startMs)) +
                       u'\n' + TimelineView::eventDetails(run.last);
        }
    }
    return {};
}

bool TimestampView::event(QEvent *event) {
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = tooltipAt(help->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace ppl
