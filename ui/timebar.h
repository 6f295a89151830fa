#pragma once

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QProgressBar;
class QSlider;
class QToolButton;

namespace ppl {

class Lab;
class SimulationClock;

// The lab's time controls (issue 15): play/pause, step, speed presets and a speed slider
// (0.1× to 60×, logarithmic, snapping to the presets), fast-forward by 1 min,
// 5 min or 1 h, the simulated time and the effective speed, a progress bar while a
// fast-forward runs, and why a request was refused. Every control goes through the Lab's
// commands, as /lab/clock and scenario actions do. Shows nothing useful (and disables
// itself) when the lab's clock is not a SimulationClock.
class TimeBar : public QWidget {
    Q_OBJECT
public:
    explicit TimeBar(Lab *lab, QWidget *parent = nullptr);

    QString message() const; // the last refusal, empty when none

    // The slider's scale: positions 0 … SliderSteps map logarithmically onto
    // SimulationClock::MinSpeed … MaxSpeed; a position near a preset gives the preset, others
    // a speed rounded to two significant digits.
    static constexpr int SliderSteps = 1000;
    static double speedAtSlider(int position);
    static int sliderAt(double speed);

private:
    void run(const std::function<bool(QString *)> &command);
    void refresh();
    void showSpeed(double speed);      // the box and the slider
    void showSpeedInBox(double speed); // the box only

    Lab *m_lab;
    SimulationClock *m_clock;
    QToolButton *m_play;
    QToolButton *m_step;
    QComboBox *m_speed;
    QSlider *m_speedSlider;
    QLabel *m_time;
    QLabel *m_effective;
    QProgressBar *m_progress;
    QLabel *m_message;
};

} // namespace ppl
