#pragma once

#include <QPlainTextEdit>
#include <QPointer>

class QCompleter;
class QStandardItemModel;

namespace ppl {

class PromqlHighlighter;
class SeriesStore;

// The Query dock's expression editor: PromQL colouring, completion from what the store holds
// (metric names, and inside braces the label names of the metric before them and, after
// `label=` and a quote, that label's values) and from the language (functions and
// aggregations, each with a one-line description), Ctrl+Return to execute, and a parse
// error's position underlined in red.
class QueryEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit QueryEditor(SeriesStore *store, QWidget *parent = nullptr);

    QString expression() const { return toPlainText(); }
    void setExpression(const QString &text);

    // Underlines [start, end) (byte offsets of the UTF-8 query, as the parser reports them);
    // an empty range marks the character at start (or the end of the text).
    void markError(int startByte, int endByte);
    void clearError();
    // The marked range in characters, (-1, -1) without one (tests).
    std::pair<int, int> errorRange() const { return m_error; }

    // What completion would offer at the cursor now (the completion words; tests).
    QStringList completionsAtCursor();
    QCompleter *completer() const { return m_completer; }
    PromqlHighlighter *highlighter() const { return m_highlighter; }

Q_SIGNALS:
    void executeRequested();

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    enum class Context { Expression, LabelName, LabelValue };
    // The word being typed before the cursor and what it is.
    Context contextAtCursor(QString *prefix, QByteArray *metric, QByteArray *label) const;
    void fillModel(Context context, const QByteArray &metric, const QByteArray &label);
    void showCompletion(bool force);
    void insertCompletion(const QString &word);
    void applySelections();

    QPointer<SeriesStore> m_store;
    PromqlHighlighter *m_highlighter;
    QCompleter *m_completer;
    QStandardItemModel *m_model;
    std::pair<int, int> m_error{-1, -1};
};

} // namespace ppl
