#include "chartspanel.h"

#include "actionbar.h"
#include "chartselectordialog.h"
#include "lab/lab.h"
#include "lab/stalereasons.h"
#include "livechart.h"
#include "storage/seriesstore.h"
#include "timestampview.h"

#include <QAction>
#include <QDialog>
#include <QIcon>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ppl {

ChartsPanel::ChartsPanel(SeriesStore *store, Clock *clock, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_clock(clock)
    , m_lab(qobject_cast<Lab *>(store ? store->parent() : nullptr))
    , m_tabs(new QTabWidget)
    , m_add(new QAction(QIcon(QStringLiteral(":/icons/add.png")), tr("&Add chart…"), this))
    , m_remove(new QAction(tr("&Remove chart"), this)) {
    m_add->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
    m_remove->setShortcut(QKeySequence(tr("Ctrl+Shift+X")));
    connect(m_add, &QAction::triggered, this, &ChartsPanel::askForChart);
    connect(m_remove, &QAction::triggered, this, [this] { removeChart(m_tabs->currentIndex()); });
    m_tabs->setTabsClosable(true);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &ChartsPanel::removeChart);
    auto *bar = new ActionBar; // wraps instead of hiding actions behind »
    bar->addActions({m_add, m_remove});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_tabs);

    if (LiveChart *up = addChart(tr("up per target"), QStringLiteral("up"))) {
        up->setStepMode(true);
        up->setTitle(tr("up (1: scrape worked, 0: failed)"));
    }
    if (LiveChart *age =
            addChart(tr("Age of pushed groups"), QStringLiteral("time() - push_time_seconds"))) {
        age->setTitle(tr("Age of each pushed group, in s: time() - push_time_seconds"));
        age->setToolTip(tr("time() − push_time_seconds: it keeps growing after a job died, "
                           "while the gateway goes on serving its last value."));
    }
    addTimestampView(m_lab);
    m_tabs->setCurrentIndex(0);
    if (m_lab) {
        // A new scenario is a new world: its charts drop the previous one's series.
        connect(m_lab, &Lab::scenarioLoaded, this, [this] {
            for (LiveChart *c : charts())
                c->setEpochMs(m_lab->scenarioStartMs());
        });
    }
}

void ChartsPanel::addTimestampView(Lab *lab) {
    if (!lab)
        return;
    m_timestamps = new TimestampView(lab);
    m_timestamps->setWindowMs(m_windowMs);
    m_tabs->addTab(m_timestamps, tr("Timestamps of a job"));
}

LiveChart *ChartsPanel::addChart(const QString &title, const QString &expression, QString *error) {
    auto *chart = new LiveChart(m_store, m_clock);
    // The lab's PromQL parser: the same syntax and error wording as /api/v1/query_range.
    if (!chart->setExpression(expression, error)) {
        delete chart;
        return nullptr;
    }
    chart->setTitle(expression);
    if (m_lab) {
        chart->setEpochMs(m_lab->scenarioStartMs());
        chart->setStaleExplainer([lab = m_lab](const Labels &series, qint64 staleMs) {
            return lab ? lab->staleReasons()->explain(series, staleMs).text() : QString();
        });
    }
    chart->setWindowMs(m_windowMs);
    chart->setPaused(m_paused);
    if (m_zoom != 1)
        chart->setZoom(m_zoom);
    m_tabs->setCurrentIndex(m_tabs->addTab(chart, title));
    Q_EMIT chartAdded(chart);
    return chart;
}

void ChartsPanel::removeChart(int index) {
    if (QWidget *w = m_tabs->widget(index)) {
        m_tabs->removeTab(index);
        w->deleteLater();
    }
}

QList<LiveChart *> ChartsPanel::charts() const {
    QList<LiveChart *> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *c = qobject_cast<LiveChart *>(m_tabs->widget(i)))
            out << c;
    return out;
}

void ChartsPanel::askForChart() {
    ChartSelectorDialog dialog(m_store, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString expression = dialog.expression();
    QString error;
    if (!addChart(expression, expression, &error))
        Q_EMIT errorOccurred(tr("Chart %1: %2").arg(expression, error));
}

void ChartsPanel::setWindowMs(qint64 ms) {
    m_windowMs = ms;
    for (LiveChart *c : charts())
        c->setWindowMs(ms);
    if (m_timestamps)
        m_timestamps->setWindowMs(ms);
}

void ChartsPanel::setPaused(bool paused) {
    m_paused = paused;
    for (LiveChart *c : charts())
        c->setPaused(paused);
    if (m_timestamps)
        m_timestamps->setPaused(paused);
}

void ChartsPanel::setZoom(qreal zoom) {
    m_zoom = zoom;
    for (LiveChart *c : charts())
        c->setZoom(zoom);
    if (m_timestamps)
        m_timestamps->setZoom(zoom);
}

void ChartsPanel::renderNow() {
    for (LiveChart *c : charts())
        c->renderNow();
}

} // namespace ppl
