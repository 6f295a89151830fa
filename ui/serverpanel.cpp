#include "serverpanel.h"

#include "lab/lab.h"
#include "labpalette.h"

#include <QAction>
#include <QFontDatabase>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTextBlock>
#include <QToolBar>
#include <QVBoxLayout>

namespace ppl {

ServerPanel::ServerPanel(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_editor(new QPlainTextEdit)
    , m_status(new QLabel)
    , m_apply(new QAction(QIcon(QStringLiteral(":/icons/apply.png")), tr("&Apply configuration"),
                          this)) {
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_apply->setShortcut(QKeySequence(tr("Ctrl+Return")));
    m_apply->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_apply);
    connect(m_apply, &QAction::triggered, this, &ServerPanel::apply);
    auto *revert = new QAction(tr("Re&vert to running"), this);
    connect(revert, &QAction::triggered, this, &ServerPanel::reloadFromLab);

    auto *bar = new QToolBar;
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions({m_apply, revert});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_status);
    if (lab)
        connect(lab, &Lab::scenarioLoaded, this, &ServerPanel::reloadFromLab);
    reloadFromLab();
}

QString ServerPanel::errorText() const {
    return m_errorLine >= 0 && m_status->property("error").toBool() ? m_status->text() : QString();
}

void ServerPanel::reloadFromLab() {
    m_editor->setPlainText(m_lab ? QString::fromUtf8(m_lab->configYaml()) : QString());
    markLine(0);
    m_status->setText(tr("Running configuration."));
    m_status->setProperty("error", false);
    m_status->setStyleSheet(QString());
}

void ServerPanel::apply() {
    if (!m_lab)
        return;
    QString error;
    if (m_lab->reloadConfig(m_editor->toPlainText().toUtf8(), &error)) {
        markLine(0);
        m_status->setText(tr("✔ Applied: the server reloaded its configuration."));
        m_status->setProperty("error", false);
        m_status->setStyleSheet(QString());
        return;
    }
    // The loader says "line N: …"; the number is what we need, whatever the language.
    static const QRegularExpression lineRe(QStringLiteral("^\\D*?(\\d+)\\s*:"));
    const auto m = lineRe.match(error);
    m_errorLine = m.hasMatch() ? m.captured(1).toInt() : 0;
    markLine(m_errorLine);
    m_status->setText(tr("✖ Rejected, the running configuration stays: %1").arg(error));
    m_status->setProperty("error", true);
    m_status->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(LabPalette::failColor().name()));
    Q_EMIT errorOccurred(tr("prometheus.yml rejected: %1").arg(error));
}

void ServerPanel::markLine(int line) {
    m_errorLine = line;
    QList<QTextEdit::ExtraSelection> marks;
    if (line > 0) {
        const QTextBlock block = m_editor->document()->findBlockByNumber(line - 1);
        if (block.isValid()) {
            QTextEdit::ExtraSelection sel;
            sel.cursor = QTextCursor(block);
            sel.format.setBackground(LabPalette::failColor().lighter(170));
            sel.format.setProperty(QTextFormat::FullWidthSelection, true);
            sel.format.setFontUnderline(true); // not by colour alone
            marks << sel;
            m_editor->setTextCursor(QTextCursor(block));
            m_editor->centerCursor();
        }
    }
    m_editor->setExtraSelections(marks);
}

} // namespace ppl
