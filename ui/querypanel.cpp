#include "querypanel.h"

#include "api/apiformat.h"
#include "api/labapiserver.h"
#include "lab/lab.h"
#include "queryeditor.h"
#include "querygraphview.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace ppl {

namespace {

const QString HistoryKey = QStringLiteral("query/history");

// A value as Prometheus's API and expression browser write it.
QString valueText(double v) {
    return QString::fromLatin1(api::formatSampleValue(v));
}

// A sample's own timestamp: Unix seconds with milliseconds, as Prometheus shows "@1700000000.5",
// and the wall-clock time to read it by.
QString timestampText(qint64 ms) {
    return QStringLiteral("@%1 (%2)")
        .arg(QString::fromLatin1(api::formatTimestamp(ms)),
             QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss.zzz")));
}

} // namespace

QueryPanel::QueryPanel(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_editor(new QueryEditor(lab ? lab->store() : nullptr))
    , m_history(new QComboBox)
    , m_execute(new QPushButton(tr("Execute")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_error(new QLabel)
    , m_status(new QLabel)
    , m_explanation(new QLabel)
    , m_tabs(new QTabWidget)
    , m_table(new QTableWidget(0, 2))
    , m_graph(new QueryGraphView)
    , m_stacked(new QCheckBox(tr("Stacked"))) {
    m_execute->setToolTip(tr("Evaluate the expression (Ctrl+Return)"));
    m_cancel->setToolTip(tr("Stop the running evaluation"));
    m_cancel->setEnabled(false);
    m_history->setToolTip(tr("Expressions executed before (kept across runs)"));
    m_history->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_history->setMinimumContentsLength(16);
    m_history->setAccessibleName(tr("Query history"));

    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_error->hide();
    m_status->setStyleSheet(QStringLiteral("color: #555;"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setStyleSheet(
        QStringLiteral("background: #fff8e1; border: 1px solid #e0c068; padding: 6px;"));
    m_explanation->hide();

    m_table->setHorizontalHeaderLabels({tr("Series"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);

    auto *graphPage = new QWidget;
    auto *graphLayout = new QVBoxLayout(graphPage);
    graphLayout->setContentsMargins(0, 0, 0, 0);
    graphLayout->addWidget(m_graph, 1);
    graphLayout->addWidget(m_stacked);
    m_tabs->addTab(m_table, tr("Table"));
    m_tabs->addTab(graphPage, tr("Graph"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("History:")));
    top->addWidget(m_history, 1);
    top->addWidget(m_execute);
    top->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_editor);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addWidget(m_explanation);
    layout->addWidget(m_tabs, 1);

    m_historyList = QSettings().value(HistoryKey).toStringList();
    m_history->addItems(m_historyList);
    m_history->setCurrentIndex(-1);
    connect(m_history, qOverload<int>(&QComboBox::activated), this, [this](int i) {
        if (i >= 0 && i < m_historyList.size())
            setExpression(m_historyList.at(i));
    });
    connect(m_editor, &QueryEditor::executeRequested, this, &QueryPanel::execute);
    connect(m_execute, &QPushButton::clicked, this, &QueryPanel::execute);
    connect(m_cancel, &QPushButton::clicked, this, &QueryPanel::cancel);
    connect(m_stacked, &QCheckBox::toggled, m_graph, &QueryGraphView::setStacked);
    connect(&m_watcher, &QFutureWatcher<Run>::finished, this, &QueryPanel::onFinished);
}

QueryPanel::~QueryPanel() {
    if (m_cancelFlag)
        m_cancelFlag->store(true);
    m_watcher.waitForFinished();
}

void QueryPanel::setWindowMs(qint64 ms) {
    m_windowMs = std::max<qint64>(ms, 1000);
}

void QueryPanel::setExpression(const QString &text) {
    m_editor->setExpression(text);
}

bool QueryPanel::isRunning() const {
    return m_watcher.isRunning();
}

void QueryPanel::cancel() {
    m_pendingRestart = false;
    if (m_cancelFlag)
        m_cancelFlag->store(true);
}

query::Engine::Options QueryPanel::engineOptions() const {
    if (m_lab && m_lab->apiServer())
        return m_lab->apiServer()->queryOptions();
    return query::Engine::Options();
}

void QueryPanel::setRunning(bool running) {
    m_cancel->setEnabled(running);
    if (running)
        m_status->setText(tr("Evaluating…"));
}

void QueryPanel::execute() {
    const QString text = m_editor->expression();
    if (text.trimmed().isEmpty() || !m_lab)
        return;
    if (isRunning()) {
        // One evaluation at a time: stop the running one, then start this one.
        m_cancelFlag->store(true);
        m_pendingRestart = true;
        return;
    }
    m_editor->clearError();
    m_error->hide();
    m_explanation->hide();
    m_explanations.clear();
    addToHistory(text);

    const query::Engine engine(*m_lab->store(), engineOptions());
    m_runQuery = text.toUtf8();
    m_runAtMs = m_lab->clock()->nowMs();
    // One step per pixel column of the graph (at least 1 s, at most 11,000 points).
    const int columns = std::max(100, m_graph->width());
    m_runStepMs = std::max<qint64>({1000, m_windowMs / columns, m_windowMs / 10999 + 1});
    m_runStartMs = m_runAtMs - m_windowMs;
    // Loading the samples reads the store: here, on its thread.
    auto instant = engine.prepare(m_runQuery, m_runAtMs, m_runAtMs, 0, true);
    if (auto *e = std::get_if<query::QueryError>(&instant)) {
        showError(*e);
        emit finished();
        return;
    }
    std::shared_ptr<query::PreparedQuery> instantQuery =
        std::move(std::get<std::unique_ptr<query::PreparedQuery>>(instant));
    std::shared_ptr<query::PreparedQuery> rangeQuery;
    const query::ValueType type = instantQuery->expr().type();
    if (type == query::ValueType::Vector || type == query::ValueType::Scalar) {
        auto range = engine.prepare(m_runQuery, m_runStartMs, m_runAtMs, m_runStepMs, false);
        if (auto *p = std::get_if<std::unique_ptr<query::PreparedQuery>>(&range))
            rangeQuery = std::move(*p);
    }
    m_cancelFlag = std::make_shared<std::atomic_bool>(false);
    setRunning(true);
    m_watcher.setFuture(QtConcurrent::run([instantQuery, rangeQuery, flag = m_cancelFlag] {
        QElapsedTimer timer;
        timer.start();
        Run run{instantQuery->run(flag.get()), std::nullopt, 0};
        if (rangeQuery && std::holds_alternative<query::QueryResult>(run.instant))
            run.range = rangeQuery->run(flag.get());
        run.elapsedMs = timer.elapsed();
        return run;
    }));
}

void QueryPanel::onFinished() {
    setRunning(false);
    const Run run = m_watcher.result();
    if (m_pendingRestart) {
        m_pendingRestart = false;
        execute();
        return;
    }
    if (const auto *e = std::get_if<query::QueryError>(&run.instant)) {
        showError(*e);
        emit finished();
        return;
    }
    const auto &result = std::get<query::QueryResult>(run.instant);
    showTable(result);
    if (run.range && std::holds_alternative<query::QueryResult>(*run.range)) {
        m_graph->setResult(std::get<query::QueryResult>(*run.range).series, m_runStartMs, m_runAtMs,
                           m_runStepMs);
    } else {
        m_graph->clear();
    }
    const qsizetype n =
        result.type == query::ValueType::Vector || result.type == query::ValueType::Matrix
            ? qsizetype(result.series.size())
            : 1;
    m_status->setText(
        tr("Evaluated at %1 in %2 ms; %n result(s)", nullptr, int(n))
            .arg(QDateTime::fromMSecsSinceEpoch(m_runAtMs).toString(QStringLiteral("HH:mm:ss")),
                 QString::number(run.elapsedMs)));
    if (n == 0)
        showExplanation();
    emit finished();
}

void QueryPanel::showError(const query::QueryError &error) {
    m_lastResult = {};
    m_table->setRowCount(0);
    m_graph->clear();
    m_status->clear();
    m_error->setText(error.message);
    m_error->show();
    // A parse error has a position: underline it in the expression.
    if (error.type == query::QueryError::Type::BadData &&
        (error.pos.end > error.pos.start || error.message.contains(QStringLiteral("parse error"))))
        m_editor->markError(error.pos.start, error.pos.end);
}

void QueryPanel::showTable(const query::QueryResult &result) {
    m_lastResult = result;
    m_table->setRowCount(0);
    auto addRow = [this](const QString &series, const QString &value) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *s = new QTableWidgetItem(series);
        s->setToolTip(series);
        m_table->setItem(row, 0, s);
        m_table->setItem(row, 1, new QTableWidgetItem(value));
    };
    switch (result.type) {
    case query::ValueType::Scalar:
        addRow(tr("scalar"), valueText(result.scalar));
        break;
    case query::ValueType::String:
        addRow(tr("string"), QString::fromUtf8(result.string));
        break;
    case query::ValueType::Vector:
        for (const query::Series &s : result.series) {
            if (m_table->rowCount() >= MaxTableRows)
                break;
            addRow(s.metric.toString().isEmpty() ? QStringLiteral("{}") : s.metric.toString(),
                   s.points.empty() ? QString() : valueText(s.points.front().v));
        }
        break;
    case query::ValueType::Matrix:
        // A range selector: every raw sample with its own timestamp, one line each.
        for (const query::Series &s : result.series) {
            if (m_table->rowCount() >= MaxTableRows)
                break;
            QStringList lines;
            for (const query::Point &p : s.points)
                lines << valueText(p.v) + QLatin1Char(' ') + timestampText(p.t);
            addRow(s.metric.toString().isEmpty() ? QStringLiteral("{}") : s.metric.toString(),
                   lines.join(QLatin1Char('\n')));
        }
        m_table->resizeRowsToContents();
        break;
    case query::ValueType::None:
        break;
    }
}

void QueryPanel::showExplanation() {
    if (!m_lab)
        return;
    const query::EmptyResultExplainer explainer(*m_lab->store(), engineOptions().lookbackMs);
    m_explanations = explainer.explain(m_runQuery, m_runAtMs);
    if (m_explanations.empty())
        return;
    QStringList parts;
    for (const auto &x : m_explanations)
        parts << x.text.toHtmlEscaped();
    m_explanation->setText(
        QStringLiteral("<b>%1</b><br>%2")
            .arg(tr("Why is this empty?").toHtmlEscaped(), parts.join(QStringLiteral("<br>"))));
    m_explanation->show();
}

void QueryPanel::addToHistory(const QString &expression) {
    m_historyList.removeAll(expression);
    m_historyList.prepend(expression);
    while (m_historyList.size() > MaxHistory)
        m_historyList.removeLast();
    QSettings().setValue(HistoryKey, m_historyList);
    m_history->clear();
    m_history->addItems(m_historyList);
    m_history->setCurrentIndex(0);
}

} // namespace ppl
