#pragma once

#include "export/csvwriter.h"
#include "storage/labelmatcher.h"
#include "storage/seriesstore.h"

#include <QChartView>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace ppl {

class ChartLegendItem;
class ChartPlotItem;
class Clock;
namespace query {
struct Expr;
class RangeQueryRunner;
} // namespace query

// A chart of the store's series chosen by label matchers, scrolling with the lab's clock.
// Store changes only mark the chart dirty and start a single-shot timer (33 ms, longer for
// wide windows where a pixel spans seconds), so however many samples arrive, there are at
// most ~30 frames a second. A frame reads each visible series once, reduces it to the pixels
// (ChartDecimator::decimate, then simplify() to half a pixel), and hands it over in one go:
// one replace() per segment series on OpenGL, one item update on raster; a line still denser
// than the pixels is drawn by the item as column bars on both paths (see ColumnSpans).
// Stale markers and gaps become breaks in the line, as in Prometheus's graph; where a series
// went stale, a mark says why (hover it). The legend under the plot lists the series that
// have a value in the window, by the labels that tell them apart, wrapping into rows.
class LiveChart : public QChartView {
    Q_OBJECT
public:
    enum class RenderPath { Raster, OpenGL };
    static constexpr qint64 MinWindowMs = 60'000;
    static constexpr qint64 MaxWindowMs = 3'600'000;
    static constexpr int FrameIntervalMs = 33;

    LiveChart(SeriesStore *store, Clock *clock, QWidget *parent = nullptr);
    ~LiveChart() override;

    // Which series to show: every series all matchers accept (new ones join as they appear).
    void setSelection(std::vector<LabelMatcher> matchers);
    const std::vector<LabelMatcher> &selection() const { return m_matchers; }
    // Any PromQL expression of instant-vector or scalar type. A plain selector shows its raw
    // samples (setSelection); anything else is evaluated as Prometheus's query_range does, one
    // step per pixel column over the window (steps aligned to multiples of the step, so the
    // picture does not shimmer while it scrolls). Each frame asks query::RangeQueryRunner for
    // the window: the samples are loaded here, the evaluation runs on a worker thread, and the
    // frame is drawn when its result arrives, so a slow expression slows its own chart, never
    // the window. False and *error (the parser's "1:5: parse error: …" or the type error) if
    // the expression is refused.
    bool setExpression(const QString &expression, QString *error = nullptr);
    QString expression() const { return m_expressionText; }
    bool evaluatesExpression() const { return bool(m_expr); }
    // The last evaluation's error (many-to-many matching, …), empty when it worked.
    QString evaluationError() const { return m_evalError; }
    qint64 lastStepMs() const { return m_lastStepMs; }
    // The expression path's evaluations (tests: its thread, its counters; its thread pool).
    query::RangeQueryRunner *evaluator() const { return m_runner; }
    void setTitle(const QString &title);

    // Samples before this time belong to an earlier scenario: not drawn, and a series with
    // none after it leaves the chart (the store keeps them for queries over the past).
    void setEpochMs(qint64 ms);
    qint64 epochMs() const { return m_epochMs; }
    // Why a series went stale at a marker's time, in words (the lab's StaleReasons); unset,
    // the mark says only that it went stale.
    using StaleExplainer = std::function<QString(const Labels &series, qint64 staleMs)>;
    void setStaleExplainer(StaleExplainer explainer);
    // The stale marks of the last frame: the moment a series went stale and why.
    struct StaleMarkInfo {
        QString series;
        qint64 timestampMs = 0;
        double value = 0; // where the mark sits: the series' last value before it
        QString reason;
    };
    const std::vector<StaleMarkInfo> &staleMarks() const { return m_marks; }
    // Where (time, value) of the last frame is in the view's coordinates.
    QPoint viewPosOf(qint64 timestampMs, double value) const;
    // What the legend shows (compact labels, "+K more"); empty when it is hidden.
    QStringList legendTexts() const;
    bool legendShown() const;
    static constexpr int MaxLegendRows = 4;

    void setWindowMs(qint64 ms); // clamped to 1 min … 1 h
    qint64 windowMs() const { return m_windowMs; }
    void setPaused(bool paused); // a paused chart keeps its picture and its time
    bool isPaused() const { return m_paused; }
    void setStepMode(bool on); // value holds until the next sample (for `up`)
    bool stepMode() const { return m_step; }
    // Two samples further apart than this are not joined (Prometheus's 5 min lookback).
    void setGapMs(qint64 ms);
    void setZoom(qreal factor); // projector zoom: fonts and line widths
    // AgeSeconds draws now − value for timestamp series (push_time_seconds): a group's age,
    // growing while a dead job's value lingers.
    enum class Transform { None, AgeSeconds };
    void setTransform(Transform transform);

    // The OpenGL path (Qt Charts' setUseOpenGL) where a context can be made; the default only
    // on a hardware renderer (see openGlPreferred). PPL_CHART_RENDER=opengl|raster overrides.
    static bool openGlAvailable();
    static bool openGlPreferred();
    static QString openGlRenderer(); // GL_RENDERER, empty without OpenGL
    void setRenderPath(RenderPath path);
    RenderPath renderPath() const { return m_path; }

    // Draws a frame now instead of waiting for the timer (screenshots, tests).
    void renderNow();
    int frameCount() const { return m_frames; }
    bool framePending() const { return m_frameTimer.isActive(); }
    int visibleSeriesCount() const { return int(m_entries.size()); }
    std::vector<Labels> seriesLabels() const; // of the series the chart holds, in colour order
    qsizetype pointsInLastFrame() const { return m_lastPoints; }
    // The data of the window the chart shows (File → Export ▸ chart data as CSV): a plain
    // selector's stored samples in the window, as the store has them (no transform); an
    // expression's evaluated steps of the last frame. In colour order.
    std::vector<ExportSeries> exportSeries() const;
    // The exact sample nearest a position in the view, as "series\nvalue at time" (hover).
    QString describeAt(QPoint viewPos) const;

Q_SIGNALS:
    void frameRendered();

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Entry {
        SeriesStore::SeriesId id = 0; // raw path
        Labels labels;                // expression path: the result series' labels
        QString name;
        int colorIndex = 0;
        QLineSeries *legend = nullptr;      // carries the legend entry (and segment 0 on GL)
        QList<QLineSeries *> extraSegments; // OpenGL only: one series per further segment
        std::vector<StoredSample> samples;  // as read for the last frame (hover)
        bool active = false;                // a value in the window: listed in the legend
        std::unordered_map<qint64, QString> staleReasons; // by marker time, asked once
    };

    void markDirty();
    void renderFrame();
    // Draws the frame ending at now from m_entries (the raw path reads the store first).
    void drawFrame(qint64 now);
    int plotColumns() const;
    // The expression path: asks the runner for the window ending at now, one step a column.
    void requestEvaluation(qint64 now);
    // The expression path: a result arrived; m_entries follow it, then the frame is drawn.
    void applyEvaluation();
    void clearEntries();
    void reselect();
    void addSeries(SeriesStore::SeriesId id);
    void onSeriesChanged(const QList<SeriesStore::SeriesId> &ids);
    void onSeriesAdded(const QList<SeriesStore::SeriesId> &ids);
    bool accepts(SeriesStore::SeriesId id) const;
    bool hasValueSinceEpoch(SeriesStore::SeriesId id) const;
    QLineSeries *makeLineSeries(const Entry &entry, bool openGl);
    QString legendName(const Labels &labels) const;
    const Labels &entryLabels(const Entry &e) const;
    // The legend lists the active entries; laid out again only when they or the width change.
    void updateLegend();
    qint64 frameNow() const;

    QPointer<SeriesStore> m_store;
    Clock *m_clock;
    std::vector<LabelMatcher> m_matchers;
    std::shared_ptr<query::Expr> m_expr;
    QString m_expressionText;
    std::vector<std::vector<LabelMatcher>> m_exprSelectors; // what the expression reads
    std::unordered_map<Labels, int> m_exprIndex;            // result labels -> m_entries
    QString m_evalError;
    qint64 m_lastStepMs = 0;
    qint64 m_lastEvalEndMs = 0; // the last evaluated step: a series ending before it ended
    qint64 m_lastEvalMs = 0;
    query::RangeQueryRunner *m_runner = nullptr; // child; null without a store
    QString m_title;
    std::vector<Entry> m_entries;
    QHash<SeriesStore::SeriesId, int> m_index; // id -> position in m_entries
    QSet<SeriesStore::SeriesId> m_dormant;     // selected, but no value since the epoch
    QDateTimeAxis *m_xAxis;
    QValueAxis *m_yAxis;
    ChartPlotItem *m_plot;
    ChartLegendItem *m_legend;
    QString m_legendKey; // what the legend was last laid out for
    qint64 m_epochMs = 0;
    StaleExplainer m_explainer;
    std::vector<StaleMarkInfo> m_marks;
    QTimer m_frameTimer;
    QTimer m_scrollTimer;
    RenderPath m_path = RenderPath::Raster;
    qint64 m_windowMs = 5 * 60'000;
    qint64 m_gapMs = 5 * 60'000;
    qint64 m_frozenNowMs = 0;
    qint64 m_lastFrameNowMs = -1;
    qreal m_zoom = 1.0;
    bool m_paused = false;
    bool m_step = false;
    Transform m_transform = Transform::None;
    bool m_dirtyWhilePaused = false;
    int m_frames = 0;
    qsizetype m_lastPoints = 0;
};

} // namespace ppl
