#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;

namespace ppl {

class Lab;
class YamlHighlighter;

// The server's prometheus.yml in an editor, and the targets it yields. Apply asks the lab to reload
// it; a rejected file keeps the running configuration (the lab's rule) and its error is shown at
// its line. Beside it, in a second tab, the scenario's rule file: Apply rules reloads the rules
// with it; a rule file that does not load keeps the running rules, as Prometheus does, and its
// error is shown at its line the same way.
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
    void reloadFromLab(); // the lab's current texts into the editors

    // The rule file: which of the scenario's rule files is edited, its editor and Apply.
    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *ruleFileBox() const { return m_ruleFile; }
    QPlainTextEdit *ruleEditor() const { return m_ruleEditor; }
    QAction *applyRulesAction() const { return m_applyRules; }
    QString ruleErrorText() const; // empty when the last apply succeeded
    int ruleErrorLine() const { return m_ruleErrorLine; }
    // The scraper's targets: discovered labels (before relabelling) and final labels, or
    // "dropped" for those the relabel rules dropped.
    QTableWidget *targetsTable() const { return m_targets; }
    void refreshTargets();

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void apply();
    void applyRules();
    void showRuleFile(int index);
    static void markLine(QPlainTextEdit *editor, int line);
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
    QTabWidget *m_tabs;
    QComboBox *m_ruleFile;
    QPlainTextEdit *m_ruleEditor;
    QLabel *m_ruleStatus;
    YamlHighlighter *m_ruleHighlighter;
    QAction *m_applyRules;
    int m_ruleErrorLine = 0;
};

} // namespace ppl
