#include "scenariointrobar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace ppl {

ScenarioIntroBar::ScenarioIntroBar(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel)
    , m_text(new QLabel) {
    setObjectName(QStringLiteral("scenarioIntroBar"));
    setFrameShape(QFrame::StyledPanel);
    // Calm blue with a solid edge and an "i" symbol: told apart from the dashed error band
    // without colour.
    setStyleSheet(QStringLiteral("#scenarioIntroBar { background: #e3eefb; border: 1px solid "
                                 "#6b8fb8; }"));
    auto *icon = new QLabel(QStringLiteral("ℹ"));
    QFont big = icon->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    icon->setFont(big);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton;
    close->setText(tr("Dismiss"));
    close->setToolTip(tr("Hide this introduction (Help → About this scenario shows it again)"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto *texts = new QVBoxLayout;
    texts->setContentsMargins(0, 0, 0, 0);
    texts->setSpacing(2);
    texts->addWidget(m_title);
    texts->addWidget(m_text);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(icon);
    layout->addLayout(texts, 1);
    layout->addWidget(close);
    hide();
}

void ScenarioIntroBar::showScenario(const QString &name, const QString &description) {
    m_title->setText(tr("Scenario %1").arg(name));
    m_text->setText(description.isEmpty() ? tr("This scenario file has no description.")
                                          : description);
    show();
}

QString ScenarioIntroBar::title() const {
    return m_title->text();
}

QString ScenarioIntroBar::description() const {
    return m_text->text();
}

} // namespace ppl
