#include "errorbar.h"

#include "labpalette.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace ppl {

ErrorBar::ErrorBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel)
    , m_text(new QLabel) {
    setObjectName(QStringLiteral("errorBar"));
    setFrameShape(QFrame::StyledPanel);
    // A hatched edge and a symbol as well as the colour: readable without colour vision.
    setStyleSheet(QStringLiteral("#errorBar { background: #fbe3d6; border: 2px dashed %1; }")
                      .arg(LabPalette::failColor().name()));
    m_icon->setText(QStringLiteral("⚠"));
    QFont big = m_icon->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    m_icon->setFont(big);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton;
    close->setText(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(close);
    hide();
}

void ErrorBar::showError(const QString &message) {
    const QString stamped =
        QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")) + u' ' + message;
    m_history.prepend(stamped);
    while (m_history.size() > 50)
        m_history.removeLast();
    m_text->setText(message);
    setToolTip(m_history.mid(0, 10).join(u'\n'));
    show();
    Q_EMIT errorShown(message);
}

QString ErrorBar::currentMessage() const {
    return isHidden() ? QString() : m_text->text();
}

} // namespace ppl
