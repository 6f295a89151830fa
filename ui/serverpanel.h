#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace ppl {

class Lab;
class YamlHighlighter;

// The server's prometheus.yml in an editor, and the targets it yields. Apply asks the lab to reload
// it; a rejected file keeps the running configuration (the lab's rule) and its error is shown at
// its line.
class ServerPanel : public QWidget {
    Q_OBJECT
public:
    explicit ServerPanel(Lab *lab, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QAction *applyAction() const { return m_apply; }
    QAction *revertAction() const { return m_revert; }
    QString errorText() const;                    // empty when the last apply succeeded
    int errorLine() const { return m_errorLine; } // 1-based; 0 when none or unknown
    // What the running configuration holds that the lab accepts but does not act on; empty
    // when there is nothing to say.
    QString noticeText() const;
    YamlHighlighter *highlighter() const { return m_highlighter; }
    void reloadFromLab(); // the lab's current text into the editor
    // The scraper's targets: discovered labels (before relabelling) and final labels, or
    // "dropped" for those the relabel rules dropped.
    QTableWidget *targetsTable() const { return m_targets; }
    void refreshTargets();

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void apply();
    void markLine(int line);
    void showNotices();

    Lab *m_lab;
    QPlainTextEdit *m_editor;
    QLabel *m_status;
    QLabel *m_notices;
    YamlHighlighter *m_highlighter;
    QAction *m_apply;
    QAction *m_revert;
    QTableWidget *m_targets;
    int m_errorLine = 0;
};

} // namespace ppl
