#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace ppl::record {
class ReplaySession;
}

namespace ppl {

// The scrubber of a replayed recording: play/pause, the position as a slider that moves
// anywhere (backwards too), the playback speed, and the recorded time at the position.
// Every control calls the ReplaySession; the bar holds no state of its own.
class ReplayBar : public QWidget {
    Q_OBJECT
public:
    explicit ReplayBar(record::ReplaySession *session, QWidget *parent = nullptr);

    record::ReplaySession *session() const { return m_session; }
    QSlider *slider() const { return m_slider; }
    QToolButton *playButton() const { return m_play; }
    QComboBox *speedBox() const { return m_speed; }
    QLabel *timeLabel() const { return m_time; }

private:
    void showPosition(qint64 ms);

    record::ReplaySession *m_session;
    QToolButton *m_play;
    QSlider *m_slider;
    QComboBox *m_speed;
    QLabel *m_time;
};

} // namespace ppl
