#include "serverpanel.h"

#include "actionbar.h"
#include "lab/lab.h"
#include "labpalette.h"
#include "scrape/scrapemanager.h"
#include "scrape/targetdiscovery.h"
#include "yamlhighlighter.h"

#include <QAction>
#include <QComboBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBlock>
#include <QVBoxLayout>

namespace ppl {

ServerPanel::ServerPanel(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_editor(new QPlainTextEdit)
    , m_status(new QLabel)
    , m_notices(new QLabel)
    , m_highlighter(new YamlHighlighter(m_editor->document()))
    , m_apply(
          new QAction(QIcon(QStringLiteral(":/icons/apply.png")), tr("&Apply configuration"), this))
    , m_tabs(new QTabWidget)
    , m_ruleFile(new QComboBox)
    , m_ruleEditor(new QPlainTextEdit)
    , m_ruleStatus(new QLabel)
    , m_ruleHighlighter(new YamlHighlighter(m_ruleEditor->document()))
    , m_applyRules(
          new QAction(QIcon(QStringLiteral(":/icons/apply.png")), tr("Apply r&ules"), this)) {
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notices->setWordWrap(true);
    m_notices->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notices->hide();
    // Window-wide (the Lab menu carries them too): Ctrl+Return applies from anywhere.
    m_apply->setShortcut(QKeySequence(tr("Ctrl+Return")));
    addAction(m_apply);
    connect(m_apply, &QAction::triggered, this, &ServerPanel::apply);
    m_revert =
        new QAction(QIcon(QStringLiteral(":/icons/revert.png")), tr("Re&vert to running"), this);
    m_revert->setShortcut(QKeySequence(tr("Ctrl+Shift+Backspace")));
    addAction(m_revert);
    connect(m_revert, &QAction::triggered, this, &ServerPanel::reloadFromLab);

    m_applyRules->setShortcut(QKeySequence(tr("Ctrl+Shift+Return")));
    addAction(m_applyRules);
    connect(m_applyRules, &QAction::triggered, this, &ServerPanel::applyRules);
    m_ruleEditor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ruleEditor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_ruleStatus->setWordWrap(true);
    m_ruleStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ruleFile->setToolTip(tr("Which of the scenario's rule files to edit"));
    connect(m_ruleFile, &QComboBox::activated, this, &ServerPanel::showRuleFile);
    // An error line marked while the tab was hidden scrolls into view when it is shown.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1 && m_ruleErrorLine > 0)
            m_ruleEditor->centerCursor();
    });

    auto *bar = new ActionBar; // wraps instead of hiding actions behind »
    bar->addActions({m_apply, m_applyRules, m_revert});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_targets = new QTableWidget(0, 4);
    m_targets->setHorizontalHeaderLabels(
        {tr("Job"), tr("Address"), tr("Discovered labels"), tr("Final labels")});
    m_targets->horizontalHeader()->setStretchLastSection(true);
    m_targets->verticalHeader()->hide();
    m_targets->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_targets->setWordWrap(true);
    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_editor, 1);
    topLayout->addWidget(m_status);
    topLayout->addWidget(m_notices);
    auto *rules = new QWidget;
    auto *rulesLayout = new QVBoxLayout(rules);
    rulesLayout->setContentsMargins(0, 0, 0, 0);
    rulesLayout->addWidget(m_ruleFile);
    rulesLayout->addWidget(m_ruleEditor, 1);
    rulesLayout->addWidget(m_ruleStatus);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(top, QStringLiteral("prometheus.yml"));
    m_tabs->addTab(rules, tr("Rule file"));
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_tabs);
    split->addWidget(m_targets);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(bar);
    layout->addWidget(split, 1);
    if (lab) {
        connect(lab, &Lab::scenarioLoaded, this, &ServerPanel::reloadFromLab);
        connect(lab, &Lab::targetsChanged, this, &ServerPanel::refreshTargets);
        // Discovery's results (pods come and go, relabelling keeps or drops them) and the
        // scraper's targets, as they change.
        connect(lab->discovery(), &TargetDiscovery::targetsChanged, this,
                &ServerPanel::refreshTargets);
        connect(lab->scrapeManager(), &ScrapeManager::targetsChanged, this,
                &ServerPanel::refreshTargets);
    }
    reloadFromLab();
}

QString ServerPanel::errorText() const {
    return m_errorLine >= 0 && m_status->property("error").toBool() ? m_status->text() : QString();
}

QString ServerPanel::noticeText() const {
    return m_notices->isHidden() ? QString() : m_notices->text();
}

QString ServerPanel::ruleErrorText() const {
    return m_ruleStatus->property("error").toBool() ? m_ruleStatus->text() : QString();
}

void ServerPanel::showRuleFile(int index) {
    const auto sources =
        m_lab ? m_lab->ruleSources() : std::vector<std::pair<QString, QByteArray>>();
    m_ruleEditor->setPlainText(index >= 0 && size_t(index) < sources.size()
                                   ? QString::fromUtf8(sources[size_t(index)].second)
                                   : QString());
    markLine(m_ruleEditor, 0);
    m_ruleErrorLine = 0;
    m_ruleStatus->setText(
        sources.empty()
            ? tr("This scenario has no rule file. Rules written here are added to it (groups:, "
                 "then rules with alert: or record:).")
            : tr("Running rules."));
    m_ruleStatus->setProperty("error", false);
    m_ruleStatus->setStyleSheet(QString());
    m_ruleStatus->setToolTip(QString());
}

void ServerPanel::reloadFromLab() {
    const QString current = m_ruleFile->currentData().toString();
    m_ruleFile->clear();
    const auto sources =
        m_lab ? m_lab->ruleSources() : std::vector<std::pair<QString, QByteArray>>();
    for (const auto &[name, yaml] : sources)
        m_ruleFile->addItem(name.section(QLatin1Char('/'), -1), name);
    if (sources.empty() && m_lab) // a new one, named as a scenario's inline rules are
        m_ruleFile->addItem(m_lab->scenarioName() + QStringLiteral("#rules"),
                            m_lab->scenarioName() + QStringLiteral("#rules"));
    m_ruleFile->setVisible(m_ruleFile->count() > 1);
    const int keep = m_ruleFile->findData(current);
    m_ruleFile->setCurrentIndex(keep >= 0 ? keep : 0);
    showRuleFile(m_ruleFile->currentIndex());
    m_editor->setPlainText(m_lab ? QString::fromUtf8(m_lab->configYaml()) : QString());
    markLine(m_editor, 0);
    m_errorLine = 0;
    m_status->setText(tr("Running configuration."));
    refreshTargets();
    m_status->setProperty("error", false);
    m_status->setStyleSheet(QString());
    showNotices();
}

void ServerPanel::showNotices() {
    const QStringList notices = m_lab ? m_lab->configNotices() : QStringList();
    m_notices->setVisible(!notices.isEmpty());
    m_notices->setText(notices.isEmpty()
                           ? QString()
                           : QStringLiteral("ⓘ ") + tr("Accepted, but the lab does not act on:\n%1")
                                                        .arg(notices.join(QLatin1Char('\n'))));
}

void ServerPanel::refreshTargets() {
    ScrapeManager *scraper = (m_lab ? m_lab->scrapeManager() : nullptr);
    const QList<ScrapeTarget> active = scraper ? scraper->activeTargets() : QList<ScrapeTarget>();
    const QList<ScrapeTarget> dropped = scraper ? scraper->droppedTargets() : QList<ScrapeTarget>();
    m_targets->setRowCount(int(active.size() + dropped.size()));
    int row = 0;
    const auto put = [&](const ScrapeTarget &t, bool isDropped) {
        const QString address = QString::fromUtf8(t.discoveredLabels.value("__address__"));
        const QStringList cells = {
            QString::fromUtf8(t.jobName), address, t.discoveredLabels.toString(),
            isDropped ? QStringLiteral("✖ ") + tr("dropped: %1").arg(t.dropReason)
                      : t.labels.toString()};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = m_targets->item(row, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_targets->setItem(row, c, item);
            }
            item->setText(cells[c]);
            item->setToolTip(cells[c]);
        }
        ++row;
    };
    for (const ScrapeTarget &t : active)
        put(t, false);
    for (const ScrapeTarget &t : dropped)
        put(t, true);
}

void ServerPanel::apply() {
    if (!m_lab)
        return;
    QString error;
    int line = 0;
    if (m_lab->reloadConfig(m_editor->toPlainText().toUtf8(), &error, &line)) {
        markLine(m_editor, 0);
        m_errorLine = 0;
        m_status->setText(tr("✔ Applied: the server reloaded its configuration."));
        refreshTargets();
        m_status->setProperty("error", false);
        m_status->setStyleSheet(QString());
        showNotices();
        return;
    }
    markLine(m_editor, line);
    m_errorLine = line;
    m_status->setText(tr("✖ Rejected, the running configuration stays: %1").arg(error));
    m_status->setProperty("error", true);
    m_status->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(LabPalette::failColor().name()));
    Q_EMIT errorOccurred(tr("prometheus.yml rejected: %1").arg(error));
}

void ServerPanel::applyRules() {
    if (!m_lab || m_ruleFile->currentIndex() < 0)
        return;
    QString error;
    int line = 0;
    const QString name = m_ruleFile->currentData().toString();
    if (m_lab->setRuleSource(name, m_ruleEditor->toPlainText().toUtf8(), &error, &line)) {
        markLine(m_ruleEditor, 0);
        m_ruleErrorLine = 0;
        m_ruleStatus->setText(tr("✔ Applied: the server reloaded its rules."));
        m_ruleStatus->setToolTip(QString());
        m_ruleStatus->setProperty("error", false);
        m_ruleStatus->setStyleSheet(QString());
        return;
    }
    markLine(m_ruleEditor, line);
    m_ruleErrorLine = line;
    // The lab's message says the old rules stay, then "FILE: error" per error: beside the file
    // the errors themselves are what fits (the whole message is the tooltip and in the error
    // bar).
    QStringList errors = error.split(QLatin1Char('\n'));
    if (errors.size() > 1)
        errors.removeFirst();
    for (QString &e : errors)
        if (e.startsWith(name + QStringLiteral(": ")))
            e = e.mid(name.size() + 2);
    m_ruleStatus->setText(
        tr("✖ Rejected, the running rules stay: %1").arg(errors.join(QLatin1Char('\n'))));
    m_ruleStatus->setToolTip(error);
    m_ruleStatus->setProperty("error", true);
    m_ruleStatus->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(LabPalette::failColor().name()));
    Q_EMIT errorOccurred(tr("Rule file rejected: %1").arg(error));
}

void ServerPanel::markLine(QPlainTextEdit *editor, int line) {
    QList<QTextEdit::ExtraSelection> marks;
    if (line > 0) {
        const QTextBlock block = editor->document()->findBlockByNumber(line - 1);
        if (block.isValid()) {
            QTextEdit::ExtraSelection sel;
            sel.cursor = QTextCursor(block);
            sel.format.setBackground(LabPalette::failColor().lighter(170));
            sel.format.setProperty(QTextFormat::FullWidthSelection, true);
            // Not by colour alone: a wavy underline, as editors mark errors.
            sel.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            sel.format.setUnderlineColor(LabPalette::failColor());
            marks << sel;
            editor->setTextCursor(QTextCursor(block));
            editor->centerCursor();
        }
    }
    editor->setExtraSelections(marks);
}

} // namespace ppl
