#include "timebar.h"

#include "lab/lab.h"
#include "util/simulationclock.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QSlider>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace ppl {

TimeBar::TimeBar(Lab *lab, QWidget *parent)
    : QWidget(parent)
    , m_lab(lab)
    , m_clock(lab->simulationClock())
    , m_play(new QToolButton(this))
    , m_step(new QToolButton(this))
    , m_speed(new QComboBox(this))
    , m_speedSlider(new QSlider(Qt::Horizontal, this))
    , m_time(new QLabel(this))
    , m_effective(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_message(new QLabel(this)) {
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_play->setObjectName(QStringLiteral("timePlay"));
    m_step->setObjectName(QStringLiteral("timeStep"));
    m_step->setText(tr("Step"));
    m_step->setToolTip(tr("While paused: run to the next scrape, push, job start or end, rule "
                          "evaluation or timed action"));
    m_speed->setObjectName(QStringLiteral("timeSpeed"));
    for (double s : SimulationClock::presetSpeeds())
        m_speed->addItem(tr("%1\u00d7").arg(s), s);
    m_speed->setToolTip(tr("Simulation speed"));
    m_speedSlider->setObjectName(QStringLiteral("timeSpeedSlider"));
    m_speedSlider->setRange(0, SliderSteps);
    m_speedSlider->setSingleStep(SliderSteps / 100);
    m_speedSlider->setPageStep(SliderSteps / 10);
    m_speedSlider->setTracking(false); // a drag sets the speed once, where it is let go
    m_speedSlider->setMaximumWidth(140);
    m_speedSlider->setToolTip(tr("Simulation speed, from %1\u00d7 to %2\u00d7")
                                  .arg(SimulationClock::MinSpeed)
                                  .arg(SimulationClock::MaxSpeed));
    m_speedSlider->setAccessibleName(tr("Simulation speed"));
    m_time->setObjectName(QStringLiteral("timeNow"));
    m_effective->setObjectName(QStringLiteral("timeEffective"));
    m_progress->setObjectName(QStringLiteral("timeProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(120);
    m_progress->setVisible(false);
    m_message->setObjectName(QStringLiteral("timeMessage"));
    m_message->setWordWrap(false);
    layout->addWidget(m_play);
    layout->addWidget(m_step);
    layout->addWidget(m_speed);
    layout->addWidget(m_speedSlider);
    for (const auto &[ms, text] : {std::pair<qint64, QString>{60'000, tr("+1 min")},
                                   {300'000, tr("+5 min")},
                                   {3'600'000, tr("+1 h")}}) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setObjectName(QStringLiteral("timeAdvance%1").arg(ms / 1000));
        b->setToolTip(tr("Fast-forward the lab clock as fast as the machine allows"));
        connect(b, &QToolButton::clicked, this, [this, ms = ms] {
            run([this, ms](QString *e) { return m_lab->advanceClock(ms, e); });
        });
        layout->addWidget(b);
    }
    layout->addWidget(m_time);
    layout->addWidget(m_effective);
    layout->addWidget(m_progress);
    layout->addWidget(m_message, 1);

    connect(m_play, &QToolButton::clicked, this, [this] {
        m_lab->isPaused() ? m_lab->resume() : m_lab->pause();
        refresh();
    });
    connect(m_step, &QToolButton::clicked, this,
            [this] { run([this](QString *e) { return m_lab->stepClock(e); }); });
    connect(m_speed, &QComboBox::activated, this, [this](int i) {
        const double s = m_speed->itemData(i).toDouble();
        run([this, s](QString *e) { return m_lab->setSpeed(s, e); });
    });
    // While dragging, the box shows the speed under the handle; it is set when let go (and at
    // once for keys and clicks on the groove, which change the value directly).
    connect(m_speedSlider, &QSlider::sliderMoved, this,
            [this](int position) { showSpeedInBox(speedAtSlider(position)); });
    connect(m_speedSlider, &QSlider::valueChanged, this, [this](int position) {
        const double s = speedAtSlider(position);
        run([this, s](QString *e) { return m_lab->setSpeed(s, e); });
    });
    connect(m_lab, &Lab::pausedChanged, this, &TimeBar::refresh);
    connect(m_lab, &Lab::wallTimeRequired, this, [this](const QString &why) {
        m_message->setText(why);
        refresh();
    });
    if (!m_clock) {
        setEnabled(false);
        m_time->setText(tr("wall time"));
        return;
    }
    connect(m_clock, &SimulationClock::speedChanged, this, &TimeBar::showSpeed);
    connect(m_clock, &SimulationClock::fastForwardProgress, this, [this](double f, qint64) {
        m_progress->setVisible(f < 1.0);
        m_progress->setValue(int(f * 1000));
    });
    connect(m_clock, &SimulationClock::fastForwardFinished, this, [this] {
        m_progress->setVisible(false);
        refresh();
    });
    // Display only: the simulated time and effective speed, four times a second.
    auto *tick = new QTimer(this);
    connect(tick, &QTimer::timeout, this, &TimeBar::refresh);
    tick->start(250);
    showSpeed(m_clock->speed());
    refresh();
}

QString TimeBar::message() const {
    return m_message->text();
}

void TimeBar::run(const std::function<bool(QString *)> &command) {
    QString error;
    m_message->setText(command(&error) ? QString() : error);
    if (m_clock)
        showSpeed(m_clock->speed()); // a refused speed: the box shows the real one again
    if (m_clock && m_clock->isFastForwarding()) {
        m_progress->setValue(0);
        m_progress->setVisible(true);
    }
    refresh();
}

double TimeBar::speedAtSlider(int position) {
    const double lo = std::log(SimulationClock::MinSpeed);
    const double hi = std::log(SimulationClock::MaxSpeed);
    const double f = std::clamp(double(position) / SliderSteps, 0.0, 1.0);
    const double speed = std::exp(lo + f * (hi - lo));
    // Snap to a preset within 4 % of the scale's length around it.
    const double snap = 0.04 * (hi - lo);
    for (double p : SimulationClock::presetSpeeds())
        if (std::abs(std::log(p) - std::log(speed)) < snap)
            return p;
    const double magnitude = std::pow(10.0, std::floor(std::log10(speed)) - 1);
    return std::clamp(std::round(speed / magnitude) * magnitude, SimulationClock::MinSpeed,
                      SimulationClock::MaxSpeed);
}

int TimeBar::sliderAt(double speed) {
    const double lo = std::log(SimulationClock::MinSpeed);
    const double hi = std::log(SimulationClock::MaxSpeed);
    const double s = std::clamp(speed, SimulationClock::MinSpeed, SimulationClock::MaxSpeed);
    return int(std::lround((std::log(s) - lo) / (hi - lo) * SliderSteps));
}

void TimeBar::showSpeedInBox(double speed) {
    // A preset selects its item; another speed (from the slider, /lab/clock or a scenario)
    // shows in an extra last item, so the box never claims a speed the lab does not run at.
    const int presets = int(SimulationClock::presetSpeeds().size());
    int found = -1;
    for (int i = 0; i < presets; ++i)
        if (std::abs(m_speed->itemData(i).toDouble() - speed) < 1e-9)
            found = i;
    if (found < 0) {
        if (m_speed->count() == presets)
            m_speed->addItem(QString());
        found = presets;
        m_speed->setItemText(found, tr("%1\u00d7").arg(speed));
        m_speed->setItemData(found, speed);
    } else if (m_speed->count() > presets) {
        m_speed->removeItem(presets);
    }
    m_speed->setCurrentIndex(found);
}

void TimeBar::showSpeed(double speed) {
    showSpeedInBox(speed);
    const QSignalBlocker block(m_speedSlider);
    m_speedSlider->setValue(sliderAt(speed));
}

void TimeBar::refresh() {
    const bool paused = m_lab->isPaused();
    m_play->setText(paused ? tr("Play") : tr("Pause"));
    m_step->setEnabled(paused);
    if (!m_clock)
        return;
    m_time->setText(QDateTime::fromMSecsSinceEpoch(m_clock->nowMs())
                        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    if (paused && !m_clock->isJumping()) {
        m_effective->setText(tr("paused"));
    } else if (m_clock->isFastForwarding()) {
        m_effective->setText(tr("fast-forward %1\u00d7").arg(m_clock->effectiveSpeed(), 0, 'f', 0));
    } else {
        m_effective->setText(
            m_clock->keepingUp()
                ? tr("effective %1\u00d7").arg(m_clock->effectiveSpeed(), 0, 'f', 1)
                : tr("effective %1\u00d7 (the machine cannot keep up)")
                      .arg(m_clock->effectiveSpeed(), 0, 'f', 1));
    }
}

} // namespace ppl
