#include "replaybar.h"

#include "labpalette.h"
#include "record/replaysession.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>

namespace ppl {

namespace {

// The slider counts tenths of a second: an int reaches years at that resolution.
constexpr qint64 SliderStepMs = 100;

QString clockText(qint64 ms) {
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

ReplayBar::ReplayBar(record::ReplaySession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_play(new QToolButton(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_speed(new QComboBox(this))
    , m_time(new QLabel(this)) {
    setObjectName(QStringLiteral("replayBar"));
    m_play->setObjectName(QStringLiteral("replayPlay"));
    m_play->setIcon(LabPalette::icon("run"));
    m_play->setToolTip(tr("Play the recording (Space)"));
    m_play->setShortcut(QKeySequence(Qt::Key_Space));
    m_slider->setObjectName(QStringLiteral("replayPosition"));
    m_slider->setRange(0, int((session->endMs() - session->startMs()) / SliderStepMs));
    m_slider->setToolTip(tr("The replay position: drag anywhere, backwards too"));
    m_speed->setObjectName(QStringLiteral("replaySpeed"));
    m_speed->setToolTip(tr("Playback speed"));
    for (const double speed : {0.25, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0})
        m_speed->addItem(tr("%1×").arg(speed), speed);
    m_speed->setCurrentIndex(1);
    m_time->setObjectName(QStringLiteral("replayTime"));
    m_time->setMinimumWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("00:00:00 (00:00:00 / 00:00:00)")));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(new QLabel(tr("Replay:"), this));
    layout->addWidget(m_play);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_speed);
    layout->addWidget(m_time);

    connect(m_play, &QToolButton::clicked, this, [this] {
        if (m_session->isPlaying())
            m_session->pause();
        else
            m_session->play();
    });
    connect(m_session, &record::ReplaySession::playingChanged, this, [this](bool playing) {
        m_play->setIcon(LabPalette::icon(playing ? "pause" : "run"));
        m_play->setToolTip(playing ? tr("Pause the replay (Space)")
                                   : tr("Play the recording (Space)"));
    });
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        m_session->seek(m_session->startMs() + qint64(value) * SliderStepMs);
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this] { m_session->setSpeed(m_speed->currentData().toDouble()); });
    connect(m_session, &record::ReplaySession::positionChanged, this, &ReplayBar::showPosition);
    showPosition(m_session->positionMs());
}

void ReplayBar::showPosition(qint64 ms) {
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(int((ms - m_session->startMs()) / SliderStepMs));
    }
    const QString wall = QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
    m_time->setText(tr("%1 (%2 / %3)")
                        .arg(wall, clockText(ms - m_session->startMs()),
                             clockText(m_session->endMs() - m_session->startMs())));
}

} // namespace ppl
