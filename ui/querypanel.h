#pragma once

#include "query/emptyresultexplainer.h"
#include "query/engine.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace ppl {

class Lab;
class QueryEditor;
class QueryGraphView;

// The Query dock, like Prometheus's expression browser: a PromQL editor, Execute
// (Ctrl+Return) and Cancel, a Table tab with the instant result at the lab's now (a range
// selector's raw samples with their own timestamps) and a Graph tab with the expression as a
// range query over the chart window, one step per pixel column, as lines or stacked. Executed
// expressions are kept in a history across runs (QSettings "query/history"). A parse error
// appears under the editor with its position underlined; an empty result is explained in
// plain words (query::EmptyResultExplainer).
// The samples are loaded on the window's thread (the store lives there), the evaluation runs
// on a worker thread, so a slow query never freezes the window; Cancel and the lab's query
// timeout (--query.timeout) end it.
class QueryPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int MaxHistory = 50;
    static constexpr int MaxTableRows = 10000;

    explicit QueryPanel(Lab *lab, QWidget *parent = nullptr);
    ~QueryPanel() override;

    void setWindowMs(qint64 ms); // the Graph tab's range
    qint64 windowMs() const { return m_windowMs; }

    void setExpression(const QString &text);
    // Executes the editor's expression (as Ctrl+Return does).
    void execute();
    void cancel();
    bool isRunning() const;

    QueryEditor *editor() const { return m_editor; }
    QTableWidget *table() const { return m_table; }
    QueryGraphView *graph() const { return m_graph; }
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *explanationLabel() const { return m_explanation; }
    QCheckBox *stackedBox() const { return m_stacked; }
    QStringList history() const { return m_historyList; }
    // The last execution's instant result, as the Table tab shows it (type None before one).
    const query::QueryResult &lastResult() const { return m_lastResult; }
    // The explanation of the last empty result (empty when it had data).
    const std::vector<query::EmptyResultExplanation> &explanations() const {
        return m_explanations;
    }

Q_SIGNALS:
    // After each execution's results (or error) are shown.
    void finished();

private:
    struct Run {
        query::Engine::Outcome instant;
        std::optional<query::Engine::Outcome> range;
        qint64 elapsedMs = 0;
    };

    void onFinished();
    void showError(const query::QueryError &error);
    void showTable(const query::QueryResult &result);
    void showExplanation();
    void addToHistory(const QString &expression);
    void setRunning(bool running);
    query::Engine::Options engineOptions() const;

    QPointer<Lab> m_lab;
    QueryEditor *m_editor;
    QComboBox *m_history;
    QPushButton *m_execute;
    QPushButton *m_cancel;
    QLabel *m_error;
    QLabel *m_status;
    QLabel *m_explanation;
    QTabWidget *m_tabs;
    QTableWidget *m_table;
    QueryGraphView *m_graph;
    QCheckBox *m_stacked;
    QStringList m_historyList;
    qint64 m_windowMs = 5 * 60'000;

    // The running evaluation: its watcher, its cancel flag and what it was asked.
    QFutureWatcher<Run> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancelFlag;
    QByteArray m_runQuery;
    qint64 m_runAtMs = 0;
    qint64 m_runStartMs = 0;
    qint64 m_runStepMs = 0;
    bool m_pendingRestart = false;
    std::vector<query::EmptyResultExplanation> m_explanations;
    query::QueryResult m_lastResult;
};

} // namespace ppl
