#include "chartspanel.h"

#include "actionbar.h"
#include "api/selector.h"
#include "chartselectordialog.h"
#include "lab/lab.h"
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
            addChart(tr("Age of pushed groups"), QStringLiteral("push_time_seconds"))) {
        age->setTransform(LiveChart::Transform::AgeSeconds);
        age->setTitle(tr("Age of each pushed group, in s"));
        age->setToolTip(tr("time() − push_time_seconds: it keeps growing after a job died, "
                           "while the gateway goes on serving its last value."));
    }
    addTimestampView(qobject_cast<Lab *>(store ? store->parent() : nullptr));
    m_tabs->setCurrentIndex(0);
}

void ChartsPanel::addTimestampView(Lab *lab) {
    if (!lab)
        return;
    m_timestamps = new TimestampView(lab);
    m_timestamps->setWindowMs(m_windowMs);
    m_tabs->addTab(m_timestamps, tr("Timestamps of a job"));
}

LiveChart *ChartsPanel::addChart(const QString &title, const QString &selector, QString *error) {
    QString why;
    // The API's PromQL selector parser: the same syntax and error wording as /api/v1/query.
    const auto parsed = api::VectorSelector::parse(selector, &why);
    if (!parsed) {
        if (error)
            *error = why;
        return nullptr;
    }
    auto *chart = new LiveChart(m_store, m_clock);
    chart->setSelection(parsed->matchers());
    chart->setTitle(selector);
    chart->setWindowMs(m_windowMs);
    chart->setPaused(m_paused);
    if (m_zoom != 1)
        chart->setZoom(m_zoom);
    m_tabs->setCurrentIndex(m_tabs->addTab(chart, title));
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
    const QString selector = dialog.selector();
    QString error;
    if (!addChart(selector, selector, &error))
        Q_EMIT errorOccurred(tr("Chart %1: %2").arg(selector, error));
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
