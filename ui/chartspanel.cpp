#include "chartspanel.h"

#include "lab/lab.h"
#include "livechart.h"
#include "storage/seriesstore.h"
#include "timestampview.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIcon>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace ppl {

namespace {

// metric{a="x", b=~"y.*"} → matchers; the metric name is optional when labels are given.
std::optional<std::vector<LabelMatcher>> parseSelector(const QString &text, QString *error) {
    static const QRegularExpression whole(
        QStringLiteral(R"(^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*(?:\{(.*)\})?\s*$)"));
    static const QRegularExpression pair(QStringLiteral(
        R"(\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)\"\s*(?:,|$))"));
    const auto m = whole.match(text);
    if (!m.hasMatch() || (m.captured(1).isEmpty() && m.captured(2).trimmed().isEmpty())) {
        *error = ChartsPanel::tr("expected metric{label=\"value\", …}");
        return std::nullopt;
    }
    std::vector<LabelMatcher> out;
    if (!m.captured(1).isEmpty())
        out.push_back(
            *LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", m.captured(1).toUtf8()));
    const QString body = m.captured(2);
    qsizetype pos = 0;
    while (pos < body.size() && !body.mid(pos).trimmed().isEmpty()) {
        const auto p = pair.match(body, pos, QRegularExpression::NormalMatch,
                                  QRegularExpression::AnchorAtOffsetMatchOption);
        if (!p.hasMatch()) {
            *error = ChartsPanel::tr("cannot read the label matcher at \"%1\"").arg(body.mid(pos));
            return std::nullopt;
        }
        const QString op = p.captured(2);
        const auto kind = op == u"="    ? LabelMatcher::Op::Equal
                          : op == u"!=" ? LabelMatcher::Op::NotEqual
                          : op == u"=~" ? LabelMatcher::Op::RegexMatch
                                        : LabelMatcher::Op::RegexNoMatch;
        auto matcher =
            LabelMatcher::create(kind, p.captured(1).toUtf8(), p.captured(3).toUtf8(), error);
        if (!matcher)
            return std::nullopt;
        out.push_back(*matcher);
        pos = p.capturedEnd();
    }
    return out;
}

} // namespace

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
    auto *bar = new QToolBar;
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
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
    const auto matchers = parseSelector(selector, &why);
    if (!matchers) {
        if (error)
            *error = why;
        return nullptr;
    }
    auto *chart = new LiveChart(m_store, m_clock);
    chart->setSelection(*matchers);
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
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add chart"));
    auto *metric = new QComboBox;
    metric->setEditable(true);
    if (m_store)
        for (const QByteArray &name : m_store->labelValues("__name__"))
            metric->addItem(QString::fromUtf8(name));
    auto *filter = new QLineEdit;
    filter->setPlaceholderText(tr("job=\"web\", instance=~\"web-.*\""));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("Metric:"), metric);
    form->addRow(tr("Label filters:"), filter);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString f = filter->text().trimmed();
    const QString selector =
        metric->currentText().trimmed() + (f.isEmpty() ? QString() : u'{' + f + u'}');
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
