#include "livechart.h"

#include "chartdecimator.h"
#include "chartlegenditem.h"
#include "chartplotitem.h"
#include "labpalette.h"
#include "query/engine.h"
#include "query/parser.h"
#include "query/rangequeryrunner.h"
#include "util/clock.h"

#include <QApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace ppl {

namespace {

// Beyond this many points a frame, antialiasing costs more than it adds on the raster path.
constexpr qsizetype AntialiasBudget = 20'000;
constexpr qint64 ScrollTickMs = 250;
constexpr qreal BasePenWidth = 2;
constexpr int ChartMargin = 4;
// Beyond this many stale marks a frame (a scenario of hundreds of series all gone stale at
// once), the newest are drawn: each costs a reason lookup and an ellipse.
constexpr size_t MaxStaleMarks = 256;
constexpr double HoverPx = 8; // how near the pointer must be to a line or a mark

// The labels that tell the series apart (those whose values differ), job first, as values:
// "web-1 · :41451" instead of repeating "job · instance · …" that every entry shares.
std::vector<QString> distinguishingLabels(const std::vector<const Labels *> &sets) {
    std::vector<QByteArray> names;
    for (const Labels *l : sets)
        for (int i = 0; i < l->size(); ++i)
            names.push_back(l->name(i));
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::vector<QByteArray> differing;
    for (const QByteArray &n : names) {
        const QByteArray first = sets.front()->value(n);
        if (std::any_of(sets.begin(), sets.end(),
                        [&](const Labels *l) { return l->value(n) != first; }))
            differing.push_back(n);
    }
    std::stable_partition(differing.begin(), differing.end(),
                          [](const QByteArray &n) { return n == "job"; });
    // A prefix all values of a label share ("127.0.0.1:" of every instance) says nothing
    // either: it is cut back to a separator and shown as "…" ("…:41451").
    std::vector<qsizetype> cut(differing.size(), 0);
    for (size_t k = 0; k < differing.size(); ++k) {
        QByteArray prefix = sets.front()->value(differing[k]);
        for (const Labels *l : sets) {
            const QByteArray v = l->value(differing[k]);
            qsizetype n = 0;
            while (n < prefix.size() && n < v.size() && prefix[n] == v[n])
                ++n;
            prefix.truncate(n);
        }
        qsizetype n = prefix.size();
        while (n > 0 && !QByteArrayView(":./-_").contains(prefix[n - 1]))
            --n;
        if (n >= 4) // worth an ellipsis; the separator stays with the rest
            cut[k] = n - 1;
    }
    std::vector<QString> out;
    for (const Labels *l : sets) {
        QStringList parts;
        for (size_t k = 0; k < differing.size(); ++k) {
            const QByteArray &n = differing[k];
            const QByteArray v = l->value(n);
            if (v.isEmpty())
                parts << QString::fromUtf8(n + "=\"\"");
            else if (cut[k] > 0 && v.size() > cut[k] + 1)
                parts << QStringLiteral("…") + QString::fromUtf8(v.mid(cut[k]));
            else
                parts << QString::fromUtf8(v);
        }
        out.push_back(parts.join(QStringLiteral(" · ")));
    }
    return out;
}

} // namespace

LiveChart::LiveChart(SeriesStore *store, Clock *clock, QWidget *parent)
    : QChartView(new QChart, parent)
    , m_store(store)
    , m_clock(clock)
    , m_xAxis(new QDateTimeAxis)
    , m_yAxis(new QValueAxis) {
    QChart *c = chart();
    c->setAnimationOptions(QChart::NoAnimation); // animations would redraw every point per tick
    c->legend()->hide(); // ours wraps and lists only the series with values (ChartLegendItem)
    c->setMargins(QMargins(ChartMargin, ChartMargin, ChartMargin, ChartMargin));
    m_xAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_xAxis->setTickCount(6);
    m_yAxis->setLabelFormat(QStringLiteral("%.4g"));
    c->addAxis(m_xAxis, Qt::AlignBottom);
    c->addAxis(m_yAxis, Qt::AlignLeft);
    // An empty series keeps both axes attached to something while no selected series exists
    // yet; without it Qt Charts lays the time axis out with no room for its labels.
    auto *anchor = new QLineSeries;
    c->addSeries(anchor);
    anchor->attachAxis(m_xAxis);
    anchor->attachAxis(m_yAxis);
    for (auto *marker : c->legend()->markers(anchor))
        marker->setVisible(false);
    m_plot = new ChartPlotItem(c);
    m_legend = new ChartLegendItem(c);
    setRenderHint(QPainter::Antialiasing, true);
    setMouseTracking(true);

    m_frameTimer.setSingleShot(true);
    m_frameTimer.setInterval(FrameIntervalMs);
    connect(&m_frameTimer, &QTimer::timeout, this, &LiveChart::renderFrame);
    // The axis scrolls with the clock even when no sample arrives; a ManualClock that does
    // not move causes no frames.
    m_scrollTimer.setInterval(int(ScrollTickMs));
    connect(&m_scrollTimer, &QTimer::timeout, this, [this] {
        if (isVisible() && m_clock->nowMs() != m_lastFrameNowMs)
            markDirty();
    });
    m_scrollTimer.start();

    if (openGlPreferred())
        setRenderPath(RenderPath::OpenGL);
    if (m_store) {
        connect(m_store, &SeriesStore::seriesChanged, this, &LiveChart::onSeriesChanged);
        connect(m_store, &SeriesStore::seriesAdded, this, &LiveChart::onSeriesAdded);
        m_runner = new query::RangeQueryRunner(*m_store, this);
        connect(m_runner, &query::RangeQueryRunner::finished, this, &LiveChart::applyEvaluation);
    }
}

LiveChart::~LiveChart() = default;

QString LiveChart::openGlRenderer() {
    static const QString renderer = [] {
        QOffscreenSurface surface;
        surface.create();
        QOpenGLContext context;
        if (!context.create() || !context.makeCurrent(&surface))
            return QString();
        const auto *name =
            reinterpret_cast<const char *>(context.functions()->glGetString(GL_RENDERER));
        QString result = name ? QString::fromLatin1(name) : QStringLiteral("OpenGL");
        context.doneCurrent();
        return result;
    }();
    return renderer;
}

bool LiveChart::openGlAvailable() {
    return !openGlRenderer().isEmpty();
}

bool LiveChart::openGlPreferred() {
    // Measured with bench_chart: software GL (Mesa's llvmpipe under Xvfb) rasterises dense
    // lines slower than our raster item does, so only real GPUs get the OpenGL path.
    const QString r = openGlRenderer().toLower();
    if (qEnvironmentVariable("PPL_CHART_RENDER") == u"opengl")
        return !r.isEmpty();
    if (qEnvironmentVariable("PPL_CHART_RENDER") == u"raster" || r.isEmpty())
        return false;
    return !r.contains(u"llvmpipe") && !r.contains(u"softpipe") && !r.contains(u"swrast") &&
           !r.contains(u"software");
}

void LiveChart::setSelection(std::vector<LabelMatcher> matchers) {
    m_expr.reset();
    if (m_runner)
        m_runner->setExpression(nullptr);
    m_exprSelectors.clear();
    m_evalError.clear();
    m_matchers = std::move(matchers);
    reselect();
}

namespace {

void collectSelectors(const query::Expr &e, std::vector<std::vector<LabelMatcher>> *out) {
    if (e.kind == query::Expr::Kind::VectorSelector)
        out->push_back(e.matchers);
    for (const query::Expr *child : {e.lhs.get(), e.rhs.get(), e.param.get()}) {
        if (child)
            collectSelectors(*child, out);
    }
    for (const auto &a : e.args)
        collectSelectors(*a, out);
}

} // namespace

bool LiveChart::setExpression(const QString &expression, QString *error) {
    const QByteArray text = expression.toUtf8();
    auto parsed = query::Parser::parse(text);
    if (auto *e = std::get_if<query::ParseError>(&parsed)) {
        if (error)
            *error = e->toString(text);
        return false;
    }
    std::shared_ptr<query::Expr> expr = std::move(std::get<std::unique_ptr<query::Expr>>(parsed));
    const query::ValueType type = expr->type();
    if (type != query::ValueType::Vector && type != query::ValueType::Scalar) {
        // Prometheus's query_range refuses the same.
        if (error)
            *error = QStringLiteral("invalid expression type \"%1\" for range query, must be "
                                    "Scalar or instant Vector")
                         .arg(QString::fromUtf8(query::documentedType(type)));
        return false;
    }
    m_expressionText = expression;
    // A plain selector: the raw samples, every one of them (the decimator keeps the shape).
    if (expr->kind == query::Expr::Kind::VectorSelector && !expr->hasOffset &&
        expr->at == query::Expr::AtKind::None) {
        setSelection(expr->matchers);
        return true;
    }
    m_matchers.clear();
    m_expr = std::move(expr);
    m_exprSelectors.clear();
    collectSelectors(*m_expr, &m_exprSelectors);
    m_evalError.clear();
    if (m_runner)
        m_runner->setExpression(m_expr); // a result of the previous expression is dropped
    reselect();
    return true;
}

void LiveChart::setTitle(const QString &title) {
    m_title = title;
    chart()->setTitle(title);
}

void LiveChart::setEpochMs(qint64 ms) {
    if (ms == m_epochMs)
        return;
    m_epochMs = ms;
    if (m_expr)
        clearEntries(); // the next evaluation's result brings back the series it still has
    else
        reselect();
    markDirty();
}

void LiveChart::setStaleExplainer(StaleExplainer explainer) {
    m_explainer = std::move(explainer);
    for (Entry &e : m_entries)
        e.staleReasons.clear();
    markDirty();
}

void LiveChart::setWindowMs(qint64 ms) {
    m_windowMs = std::clamp(ms, MinWindowMs, MaxWindowMs);
    markDirty();
}

void LiveChart::setPaused(bool paused) {
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (paused) {
        m_frozenNowMs = m_lastFrameNowMs >= 0 ? m_lastFrameNowMs : m_clock->nowMs();
        m_frameTimer.stop();
    } else if (m_dirtyWhilePaused || m_clock->nowMs() != m_lastFrameNowMs) {
        m_dirtyWhilePaused = false;
        markDirty();
    }
}

void LiveChart::setStepMode(bool on) {
    m_step = on;
    markDirty();
}

void LiveChart::setTransform(Transform transform) {
    m_transform = transform;
    markDirty();
}

void LiveChart::setGapMs(qint64 ms) {
    m_gapMs = std::max<qint64>(0, ms);
    markDirty();
}

void LiveChart::setZoom(qreal factor) {
    m_zoom = std::clamp(factor, 0.5, 4.0);
    // The application's font, not font(): the window already scales the font it passes down,
    // and scaling that again would zoom the axes by the square.
    QFont f = QApplication::font(this);
    f.setPointSizeF(f.pointSizeF() * m_zoom);
    chart()->setTitleFont(QFont(f.family(), int(std::round(f.pointSizeF() * 1.2)), QFont::Bold));
    chart()->legend()->setFont(f);
    m_xAxis->setLabelsFont(f);
    m_yAxis->setLabelsFont(f);
    for (Entry &e : m_entries) {
        QPen pen = LabPalette::seriesPen(e.colorIndex, BasePenWidth * m_zoom);
        e.legend->setPen(pen);
        for (QLineSeries *s : std::as_const(e.extraSegments))
            s->setPen(pen);
    }
    markDirty();
}

void LiveChart::setRenderPath(RenderPath path) {
    if (path == RenderPath::OpenGL && !openGlAvailable())
        path = RenderPath::Raster;
    if (path == m_path)
        return;
    m_path = path;
    // Qt Charts asks the GL widget for multisampling when the view antialiases, which
    // software GL pays for on every pixel; the raster item decides antialiasing itself.
    setRenderHint(QPainter::Antialiasing, path == RenderPath::Raster);
    reselect(); // series objects differ between the paths: rebuild them
}

void LiveChart::renderNow() {
    m_frameTimer.stop();
    if (m_expr && m_runner && m_store) {
        // Still evaluated on the worker; only this call waits for it (and draws on arrival).
        requestEvaluation(frameNow());
        m_runner->waitForIdle();
        return;
    }
    renderFrame();
}

void LiveChart::markDirty() {
    if (m_paused) {
        m_dirtyWhilePaused = true;
        return;
    }
    // A chart in a hidden tab draws nothing; it catches up when shown (showEvent).
    if (!isVisible() && m_lastFrameNowMs >= 0) {
        m_dirtyWhilePaused = true;
        return;
    }
    if (!m_frameTimer.isActive())
        m_frameTimer.start();
}

qint64 LiveChart::frameNow() const {
    return m_paused ? m_frozenNowMs : m_clock->nowMs();
}

void LiveChart::clearEntries() {
    for (Entry &e : m_entries) {
        chart()->removeSeries(e.legend);
        delete e.legend;
        for (QLineSeries *s : std::as_const(e.extraSegments)) {
            chart()->removeSeries(s);
            delete s;
        }
    }
    m_entries.clear();
    m_index.clear();
    m_exprIndex.clear();
    m_dormant.clear();
}

void LiveChart::reselect() {
    clearEntries();
    if (m_store && !m_expr && !m_matchers.empty()) {
        // A series without a value since the epoch is an earlier scenario's (its end-of-run
        // stale markers may still come in): dormant until a value arrives.
        auto ids = m_store->select(m_matchers);
        if (m_epochMs > 0)
            ids.erase(std::remove_if(ids.begin(), ids.end(),
                                     [this](SeriesStore::SeriesId id) {
                                         if (hasValueSinceEpoch(id))
                                             return false;
                                         m_dormant.insert(id);
                                         return true;
                                     }),
                      ids.end());
        // Stable colours: order by labels, not by creation.
        std::sort(ids.begin(), ids.end(),
                  [this](auto a, auto b) { return m_store->labels(a) < m_store->labels(b); });
        for (auto id : ids)
            addSeries(id);
    }
    markDirty();
}

QString LiveChart::legendName(const Labels &labels) const {
    // Values only, job first, and no label every series of the selection shares (the title
    // says it): a legend entry must fit on a projector.
    QStringList parts;
    const auto fixed = [this](QByteArrayView name) {
        return std::any_of(m_matchers.begin(), m_matchers.end(), [&](const auto &m) {
            return m.name() == name && m.op() == LabelMatcher::Op::Equal;
        });
    };
    if (labels.has("job") && !fixed("job"))
        parts << QString::fromUtf8(labels.value("job"));
    for (int i = 0; i < labels.size(); ++i) {
        const QByteArray name = labels.name(i);
        if (name == "__name__" || name == "job" || fixed(name))
            continue;
        parts << QString::fromUtf8(labels.value(i));
    }
    return parts.isEmpty() ? labels.toString() : parts.join(QStringLiteral(" · "));
}

QLineSeries *LiveChart::makeLineSeries(const Entry &entry, bool openGl) {
    auto *s = new QLineSeries;
    s->setUseOpenGL(openGl);
    s->setPen(LabPalette::seriesPen(entry.colorIndex, BasePenWidth * m_zoom));
    s->setName(entry.name);
    chart()->addSeries(s);
    s->attachAxis(m_xAxis);
    s->attachAxis(m_yAxis);
    return s;
}

void LiveChart::addSeries(SeriesStore::SeriesId id) {
    Entry e;
    e.id = id;
    e.name = legendName(m_store->labels(id));
    e.colorIndex = int(m_entries.size());
    // On raster this series stays empty and only provides the legend entry.
    e.legend = makeLineSeries(e, m_path == RenderPath::OpenGL);
    m_index.insert(id, int(m_entries.size()));
    m_entries.push_back(std::move(e));
}

bool LiveChart::accepts(SeriesStore::SeriesId id) const {
    const Labels &labels = m_store->labels(id);
    if (m_expr) {
        return std::any_of(m_exprSelectors.begin(), m_exprSelectors.end(), [&](const auto &ms) {
            return std::all_of(ms.begin(), ms.end(),
                               [&](const auto &m) { return m.matches(labels); });
        });
    }
    return !m_matchers.empty() && std::all_of(m_matchers.begin(), m_matchers.end(),
                                              [&](const auto &m) { return m.matches(labels); });
}

void LiveChart::onSeriesChanged(const QList<SeriesStore::SeriesId> &ids) {
    if (m_expr) {
        if (std::any_of(ids.begin(), ids.end(), [this](auto id) { return accepts(id); }))
            markDirty();
        return;
    }
    bool dirty = false;
    for (auto id : ids) {
        if (m_index.contains(id)) {
            dirty = true;
        } else if (m_dormant.contains(id) && hasValueSinceEpoch(id)) {
            m_dormant.remove(id); // an earlier scenario's series has a value again
            addSeries(id);
            dirty = true;
        }
    }
    if (dirty)
        markDirty();
}

bool LiveChart::hasValueSinceEpoch(SeriesStore::SeriesId id) const {
    const auto last = m_store->lastSample(id);
    if (!last || last->timestampMs < m_epochMs)
        return false;
    if (!std::isnan(last->value))
        return true;
    const auto since = m_store->samples(id, m_epochMs, last->timestampMs);
    return std::any_of(since.begin(), since.end(),
                       [](const StoredSample &s) { return !std::isnan(s.value); });
}

void LiveChart::onSeriesAdded(const QList<SeriesStore::SeriesId> &ids) {
    if (m_expr) {
        onSeriesChanged(ids); // the result's series are known only after evaluating
        return;
    }
    bool added = false;
    for (auto id : ids)
        if (!m_index.contains(id) && accepts(id)) {
            if (m_epochMs > 0 && !hasValueSinceEpoch(id)) {
                m_dormant.insert(id); // a series that comes back with a stale marker only
                continue;
            }
            addSeries(id);
            added = true;
        }
    if (added)
        markDirty();
}

int LiveChart::plotColumns() const {
    return std::max(1, int(std::ceil(chart()->plotArea().width() * devicePixelRatioF())));
}

void LiveChart::renderFrame() {
    if (m_expr) {
        // The frame is drawn when the evaluation's result arrives (applyEvaluation).
        if (m_store)
            requestEvaluation(frameNow());
        return;
    }
    drawFrame(frameNow());
}

void LiveChart::drawFrame(qint64 now) {
    const qint64 from = now - m_windowMs;
    // One sample before the window joins the line to the left edge, within the lookback.
    // Nothing from before the epoch (an earlier scenario).
    const qint64 readFrom = std::max(from - (m_gapMs > 0 ? m_gapMs : m_windowMs), m_epochMs);
    const qint64 visibleFrom = std::max(from, m_epochMs);

    // 0. Read every series; those with a value in the window make the legend, whose rows
    // take from the plot's height, so it is laid out before the plot area is read.
    for (Entry &e : m_entries) {
        if (!m_expr)
            e.samples = m_store->samples(e.id, readFrom, now);
        if (m_transform == Transform::AgeSeconds)
            for (StoredSample &s : e.samples)
                if (!std::isnan(s.value))
                    s.value = double(s.timestampMs) / 1000.0 - s.value;
        e.active = std::any_of(e.samples.begin(), e.samples.end(), [&](const StoredSample &s) {
            return s.timestampMs >= visibleFrom && !std::isnan(s.value);
        });
    }
    updateLegend();

    const QRectF plot = chart()->plotArea();
    const int columns = plotColumns();
    ChartDecimator::Params params{from, now, columns, m_gapMs, m_step};
    if (m_expr) // a missing step (the expression had no value there) breaks the line
        params.gapMs = m_lastStepMs + m_lastStepMs / 2;

    // 1. Reduce every series to the pixels.
    double yMin = std::numeric_limits<double>::infinity();
    double yMax = -yMin;
    std::vector<std::vector<QList<QPointF>>> reduced;
    reduced.reserve(m_entries.size());
    for (Entry &e : m_entries) {
        reduced.push_back(ChartDecimator::decimate(e.samples, params));
        for (const auto &seg : reduced.back())
            for (const QPointF &p : seg) {
                if (p.x() < double(from) || p.x() > double(now))
                    continue;
                yMin = std::min(yMin, p.y());
                yMax = std::max(yMax, p.y());
            }
    }

    // 2. Axes once: every range change makes Qt Charts re-map every series on the GL path.
    if (!std::isfinite(yMin)) {
        yMin = 0;
        yMax = 1;
    }
    if (m_step) { // 0/1 series read best with the levels away from the frame
        yMin = std::min(yMin, 0.0) - 0.1;
        yMax = std::max(yMax, 1.0) + 0.1;
        m_yAxis->setTickType(QValueAxis::TicksDynamic); // 0 and 1 labelled, not ±0.1
        m_yAxis->setTickAnchor(0);
        m_yAxis->setTickInterval(0.5);
    } else {
        const double pad = yMax > yMin ? (yMax - yMin) * 0.05 : std::max(1.0, std::abs(yMax) * 0.1);
        yMin -= pad;
        yMax += pad;
        // Round to 1/2/5 steps ourselves: applyNiceNumbers() would be a second range change.
        const double raw = (yMax - yMin) / 5;
        const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
        const double step = raw / magnitude <= 1   ? magnitude
                            : raw / magnitude <= 2 ? 2 * magnitude
                            : raw / magnitude <= 5 ? 5 * magnitude
                                                   : 10 * magnitude;
        yMin = std::floor(yMin / step) * step;
        yMax = std::ceil(yMax / step) * step;
        m_yAxis->setTickType(QValueAxis::TicksFixed);
        m_yAxis->setTickCount(std::clamp(int(std::round((yMax - yMin) / step)) + 1, 2, 12));
    }
    if (m_yAxis->min() != yMin || m_yAxis->max() != yMax)
        m_yAxis->setRange(yMin, yMax);
    m_xAxis->setFormat(m_windowMs > 10 * 60'000 ? QStringLiteral("HH:mm")
                                                : QStringLiteral("HH:mm:ss"));
    m_xAxis->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(now));

    // 3. Now that a pixel's worth of value is known, drop points a line stands in for: the
    // renderer's cost follows the vertices (on software OpenGL most of all), the picture
    // moves by at most half a pixel.
    const double xPerPx = double(m_windowMs) / columns;
    const double yPerPx = (yMax - yMin) / std::max(1.0, plot.height() * devicePixelRatioF());
    qsizetype points = 0;
    for (auto &segments : reduced) {
        // Well over two points a column after decimate() is a zigzag (a smooth curve keeps
        // about two): it becomes column bars in step 4, where simplifying gains nothing.
        if (ChartDecimator::pointCount(segments) * 2 <= 5 * qsizetype(columns))
            for (QList<QPointF> &seg : segments)
                ChartDecimator::simplify(seg, xPerPx, yPerPx);
        points += ChartDecimator::pointCount(segments);
    }

    // 4. Hand the points over: one replace() a segment series (GL) or one item update. A line
    // denser than the pixels goes to the item as column bars on both paths (see
    // ColumnSpans): GL would walk every zigzag edge, the bars paint each pixel once.
    std::vector<ChartPlotItem::Line> lines;
    for (size_t k = 0; k < m_entries.size(); ++k) {
        Entry &e = m_entries[k];
        auto &segments = reduced[k];
        const bool dense = ChartDecimator::pointCount(segments) > columns;
        if (m_path == RenderPath::OpenGL) {
            const qsizetype needed = dense ? 0 : qsizetype(segments.size());
            while (e.extraSegments.size() + 1 < needed) {
                QLineSeries *s = makeLineSeries(e, true);
                const auto markers = chart()->legend()->markers(s);
                for (auto *m : markers)
                    m->setVisible(false);
                e.extraSegments.append(s);
            }
            if (needed > 0)
                e.legend->replace(segments[0]);
            else if (e.legend->count() > 0)
                e.legend->clear();
            for (qsizetype i = 0; i < e.extraSegments.size(); ++i) {
                if (i + 1 < needed)
                    e.extraSegments[i]->replace(segments[size_t(i + 1)]);
                else if (e.extraSegments[i]->count() > 0)
                    e.extraSegments[i]->clear();
            }
            if (!dense)
                continue;
        }
        lines.push_back({LabPalette::seriesPen(e.colorIndex, BasePenWidth * m_zoom),
                         std::move(segments), dense});
    }
    // 5. Where a series went stale: a mark at the end of its line, the reason asked once.
    m_marks.clear();
    std::vector<ChartPlotItem::StaleMark> marks;
    for (Entry &e : m_entries) {
        for (size_t i = 0; i < e.samples.size(); ++i) {
            const StoredSample &s = e.samples[i];
            if (s.timestampMs < visibleFrom || !isStaleMarker(s.value) ||
                (i > 0 && isStaleMarker(e.samples[i - 1].value)))
                continue;
            const double y = i > 0 && !std::isnan(e.samples[i - 1].value)
                                 ? e.samples[i - 1].value
                                 : yMin; // nothing before it in the window: on the axis
            auto reason = e.staleReasons.find(s.timestampMs);
            if (reason == e.staleReasons.end())
                reason = e.staleReasons
                             .emplace(s.timestampMs,
                                      m_explainer ? m_explainer(entryLabels(e), s.timestampMs)
                                                  : QString())
                             .first;
            m_marks.push_back({e.name, s.timestampMs, y, reason->second});
            marks.push_back(
                {QPointF(qreal(s.timestampMs), y), LabPalette::seriesPen(e.colorIndex, 1).color()});
        }
    }
    // An expression's result holds no staleness markers: its series simply ends at the first
    // step where it had no value (in Prometheus, a selected series went stale or vanished).
    // The mark goes there, on the last value, with the reason asked as for a selector.
    if (m_expr && m_lastStepMs > 0) {
        const qint64 gap = m_lastStepMs + m_lastStepMs / 2;
        for (Entry &e : m_entries) {
            for (size_t i = 0; i < e.samples.size(); ++i) {
                const StoredSample &s = e.samples[i];
                if (std::isnan(s.value))
                    continue;
                const qint64 next = i + 1 < e.samples.size() ? e.samples[i + 1].timestampMs
                                                             : m_lastEvalEndMs + m_lastStepMs;
                const qint64 endedAt = s.timestampMs + m_lastStepMs;
                if (next - s.timestampMs <= gap || endedAt > m_lastEvalEndMs ||
                    endedAt < visibleFrom)
                    continue;
                auto reason = e.staleReasons.find(endedAt);
                if (reason == e.staleReasons.end())
                    reason =
                        e.staleReasons
                            .emplace(endedAt,
                                     m_explainer ? m_explainer(entryLabels(e), endedAt) : QString())
                            .first;
                m_marks.push_back({e.name, endedAt, s.value, reason->second});
                marks.push_back({QPointF(qreal(endedAt), s.value),
                                 LabPalette::seriesPen(e.colorIndex, 1).color()});
            }
        }
    }
    if (marks.size() > MaxStaleMarks) {
        std::vector<size_t> order(marks.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::partial_sort(
            order.begin(), order.begin() + MaxStaleMarks, order.end(),
            [&](size_t a, size_t b) { return m_marks[a].timestampMs > m_marks[b].timestampMs; });
        order.resize(MaxStaleMarks);
        std::sort(order.begin(), order.end());
        std::vector<ChartPlotItem::StaleMark> keptMarks;
        std::vector<StaleMarkInfo> keptInfo;
        for (size_t i : order) {
            keptMarks.push_back(marks[i]);
            keptInfo.push_back(std::move(m_marks[i]));
        }
        marks = std::move(keptMarks);
        m_marks = std::move(keptInfo);
    }
    m_plot->setStaleMarks(std::move(marks));
    m_legend->setPos(plot.left(),
                     chart()->size().height() - chart()->margins().bottom() + ChartMargin);

    m_plot->setDomain(qreal(from), qreal(now), yMin, yMax);
    m_plot->setAntialiased(points <= AntialiasBudget);
    m_plot->setLines(std::move(lines));

    // The axis needs to move only when a pixel's worth of time has passed; new samples are
    // coalesced over up to a quarter second for wide windows (scrapes of many targets are
    // spread over the interval, each would otherwise cost a frame), 33 ms for narrow ones.
    const qint64 msPerPixel = qint64(double(m_windowMs) / std::max(1.0, plot.width()));
    m_scrollTimer.setInterval(int(std::clamp<qint64>(msPerPixel, ScrollTickMs, 2000)));
    // An expression's evaluation counts into the frame budget: frames at most every other
    // evaluation time, so a heavy expression cannot take the whole thread.
    m_frameTimer.setInterval(int(std::max<qint64>(
        std::clamp<qint64>(msPerPixel / 2, FrameIntervalMs, 250), 2 * m_lastEvalMs)));
    m_lastFrameNowMs = now;
    m_lastPoints = points;
    ++m_frames;
    Q_EMIT frameRendered();
}

void LiveChart::requestEvaluation(qint64 now) {
    // query_range with one step per pixel column, the steps at multiples of the step so
    // that scrolling moves the picture instead of resampling it.
    const int columns = plotColumns();
    const qint64 step = std::max<qint64>(1000, (m_windowMs + columns - 1) / columns);
    // The last step is the first multiple at or after now (a point past the right edge is
    // clipped), so the newest value is always drawn.
    const qint64 start = ((now - m_windowMs) / step) * step;
    const qint64 end = ((now + step - 1) / step) * step;
    m_runner->request(start, end, step, now);
}

void LiveChart::applyEvaluation() {
    const query::RangeQueryRunner::Result &r = *m_runner->result();
    m_lastStepMs = r.stepMs;
    m_lastEvalEndMs = r.endMs;
    m_lastEvalMs = r.elapsedMs;
    std::vector<query::Series> result;
    if (const auto *e = std::get_if<query::QueryError>(&r.outcome)) {
        m_evalError = e->message;
    } else {
        m_evalError.clear();
        result = std::get<query::QueryResult>(r.outcome).series;
    }
    if (m_epochMs > 0) { // an earlier scenario's values are not this chart's
        for (query::Series &s : result)
            s.points.erase(
                std::remove_if(s.points.begin(), s.points.end(),
                               [this](const query::Point &p) { return p.t < m_epochMs; }),
                s.points.end());
        result.erase(std::remove_if(result.begin(), result.end(),
                                    [](const query::Series &s) { return s.points.empty(); }),
                     result.end());
    }
    chart()->setTitle(m_evalError.isEmpty() ? m_title
                                            : tr("%1 — error: %2").arg(m_title, m_evalError));
    // The entries follow the result's label sets; a set that left the result is dropped.
    bool same = result.size() == m_entries.size();
    for (size_t i = 0; same && i < result.size(); ++i)
        same = m_exprIndex.count(result[i].metric) > 0;
    if (!same) {
        clearEntries();
        for (const query::Series &s : result) {
            Entry e;
            e.labels = s.metric;
            e.name = legendName(s.metric);
            e.colorIndex = int(m_entries.size());
            e.legend = makeLineSeries(e, m_path == RenderPath::OpenGL);
            m_exprIndex.emplace(s.metric, int(m_entries.size()));
            m_entries.push_back(std::move(e));
        }
    }
    for (const query::Series &s : result) {
        Entry &e = m_entries[size_t(m_exprIndex.at(s.metric))];
        e.samples.clear();
        e.samples.reserve(s.points.size());
        for (const query::Point &p : s.points)
            e.samples.push_back({p.t, p.v});
    }
    drawFrame(r.context);
}

std::vector<ExportSeries> LiveChart::exportSeries() const {
    std::vector<ExportSeries> out;
    const qint64 now = m_lastFrameNowMs >= 0 ? m_lastFrameNowMs : frameNow();
    const qint64 from = std::max(now - m_windowMs, m_epochMs);
    for (const Entry &e : m_entries) {
        if (m_expr) {
            out.push_back({e.labels, e.samples});
        } else if (m_store) {
            ExportSeries s{m_store->labels(e.id), m_store->samples(e.id, from, now)};
            if (!s.samples.empty())
                out.push_back(std::move(s));
        }
    }
    return out;
}

const Labels &LiveChart::entryLabels(const Entry &e) const {
    return m_expr || !m_store ? e.labels : m_store->labels(e.id);
}

void LiveChart::updateLegend() {
    std::vector<const Entry *> shown;
    for (const Entry &e : m_entries)
        if (e.active)
            shown.push_back(&e);
    std::vector<QString> texts;
    if (shown.size() == 1) {
        texts.push_back(shown.front()->name);
    } else if (!shown.empty()) {
        std::vector<const Labels *> sets;
        for (const Entry *e : shown)
            sets.push_back(&entryLabels(*e));
        texts = distinguishingLabels(sets);
    }
    const QRectF plot = chart()->plotArea();
    const qreal width = plot.width() > 0 ? plot.width() : chart()->size().width() - 2 * ChartMargin;
    const QFont font = chart()->legend()->font();
    const QFontMetricsF fm(font);
    const int rows =
        std::clamp(int(chart()->size().height() * 0.2 / (fm.height() + 2)), 1, MaxLegendRows);
    QString key = QString::number(width) + QLatin1Char('|') + QString::number(rows) +
                  QLatin1Char('|') + font.toString() + QLatin1Char('|') + QString::number(m_zoom);
    for (size_t i = 0; i < shown.size(); ++i)
        key +=
            QLatin1Char('|') + QString::number(shown[i]->colorIndex) + QLatin1Char(':') + texts[i];
    if (key != m_legendKey) {
        m_legendKey = key;
        std::vector<ChartLegendItem::Entry> entries;
        for (size_t i = 0; i < shown.size(); ++i) {
            const Labels &labels = entryLabels(*shown[i]);
            entries.push_back({texts[i].isEmpty() ? labels.toString() : texts[i], labels.toString(),
                               LabPalette::seriesPen(shown[i]->colorIndex, BasePenWidth * m_zoom)});
        }
        const qreal height = m_legend->setEntries(std::move(entries), font, width, rows);
        const int bottom = ChartMargin + (height > 0 ? int(std::ceil(height)) + ChartMargin : 0);
        if (chart()->margins().bottom() != bottom) {
            chart()->setMargins(QMargins(ChartMargin, ChartMargin, ChartMargin, bottom));
            if (QGraphicsLayout *layout = chart()->layout())
                layout->activate(); // the plot area of this frame, not the next one's
        }
    }
    m_legend->setVisible(!shown.empty());
}

std::vector<Labels> LiveChart::seriesLabels() const {
    std::vector<Labels> out;
    for (const Entry &e : m_entries)
        out.push_back(entryLabels(e));
    return out;
}

QStringList LiveChart::legendTexts() const {
    return m_legend->isVisible() ? m_legend->shownTexts() : QStringList();
}

bool LiveChart::legendShown() const {
    return m_legend->isVisible() && !m_legend->shownTexts().isEmpty();
}

QPoint LiveChart::viewPosOf(qint64 timestampMs, double value) const {
    const QRectF plot = chart()->plotArea();
    const double yRange = m_yAxis->max() - m_yAxis->min();
    const QPointF chartPos(plot.left() + double(timestampMs - (m_lastFrameNowMs - m_windowMs)) *
                                             plot.width() / double(m_windowMs),
                           plot.bottom() - (value - m_yAxis->min()) * plot.height() /
                                               (yRange > 0 ? yRange : 1));
    return mapFromScene(chart()->mapToScene(chartPos));
}

QString LiveChart::describeAt(QPoint viewPos) const {
    const QPointF scenePos = mapToScene(viewPos);
    const QPointF chartPos = chart()->mapFromScene(scenePos);
    const QRectF plot = chart()->plotArea();
    if (!plot.contains(chartPos) || m_entries.empty())
        return {};
    const qint64 from = m_lastFrameNowMs - m_windowMs;
    const double msPerPx = double(m_windowMs) / plot.width();
    const double t = double(from) + (chartPos.x() - plot.left()) * msPerPx;
    const double yRange = m_yAxis->max() - m_yAxis->min();
    const auto yToPx = [&](double v) {
        return plot.bottom() - (v - m_yAxis->min()) * plot.height() / yRange;
    };
    const auto timeText = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms).toString(
            QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    };
    // A stale mark first: it sits on a line's end and says more than the line's last value.
    const StaleMarkInfo *mark = nullptr;
    double markDistance = HoverPx + ChartPlotItem::StaleMarkRadius;
    for (const StaleMarkInfo &m : m_marks) {
        const double y = std::clamp(yToPx(m.value), plot.top() + ChartPlotItem::StaleMarkRadius,
                                    plot.bottom() - ChartPlotItem::StaleMarkRadius);
        const double d = std::hypot((double(m.timestampMs) - t) / msPerPx, y - chartPos.y());
        if (d < markDistance) {
            markDistance = d;
            mark = &m;
        }
    }
    if (mark) {
        const QString reason = mark->reason.isEmpty() ? tr("no reason recorded") : mark->reason;
        return tr("%1\nwent stale at %2: %3")
            .arg(mark->series, timeText(mark->timestampMs), reason);
    }
    // Then the nearest line: near one of its samples, or near the line between two of them
    // (interpolated, or held in step mode), where it shows the nearer sample's value.
    const Entry *best = nullptr;
    StoredSample bestSample{};
    double bestDistance = 3 * HoverPx; // px from a sample: farther than this shows nothing
    for (const Entry &e : m_entries) {
        const auto it = std::lower_bound(
            e.samples.begin(), e.samples.end(), t,
            [](const StoredSample &s, double tt) { return double(s.timestampMs) < tt; });
        for (auto c : {it, it == e.samples.begin() ? it : std::prev(it)}) {
            if (c == e.samples.end() || std::isnan(c->value))
                continue;
            const double dx = (double(c->timestampMs) - t) / msPerPx;
            const double dy = yToPx(c->value) - chartPos.y();
            const double d = std::hypot(dx, dy);
            if (d < bestDistance) {
                bestDistance = d;
                best = &e;
                bestSample = *c;
            }
        }
        if (it == e.samples.begin() || it == e.samples.end())
            continue;
        const StoredSample &l = *std::prev(it);
        const StoredSample &r = *it;
        const qint64 gap = m_expr ? m_lastStepMs + m_lastStepMs / 2 : m_gapMs;
        if (std::isnan(l.value) || std::isnan(r.value) ||
            (gap > 0 && r.timestampMs - l.timestampMs > gap))
            continue; // a break in the line
        const double f = (t - double(l.timestampMs)) / double(r.timestampMs - l.timestampMs);
        const double lineY = m_step ? l.value : l.value + f * (r.value - l.value);
        const double d = std::abs(yToPx(lineY) - chartPos.y());
        if (d < HoverPx && bestDistance > HoverPx) { // a sample under the pointer wins
            bestDistance = d;
            best = &e;
            bestSample = (m_step ? t < double(r.timestampMs) : f < 0.5) ? l : r;
        }
    }
    if (!best)
        return {};
    return tr("%1\n%2 at %3")
        .arg(best->name.isEmpty() ? entryLabels(*best).toString() : best->name)
        .arg(bestSample.value, 0, 'g', 10)
        .arg(timeText(bestSample.timestampMs));
}

void LiveChart::mouseMoveEvent(QMouseEvent *event) {
    QChartView::mouseMoveEvent(event);
    const QString text = describeAt(event->position().toPoint());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void LiveChart::showEvent(QShowEvent *event) {
    QChartView::showEvent(event);
    if (m_dirtyWhilePaused && !m_paused) {
        m_dirtyWhilePaused = false;
        markDirty();
    }
}

void LiveChart::resizeEvent(QResizeEvent *event) {
    QChartView::resizeEvent(event);
    markDirty(); // more or fewer pixel columns
}

} // namespace ppl
