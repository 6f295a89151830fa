#include "jobdialog.h"

#include "lab/lab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace ppl {

namespace {

QDoubleSpinBox *secondsBox(double value, double min, double max, const QString &name) {
    auto *box = new QDoubleSpinBox;
    box->setObjectName(name);
    box->setDecimals(1);
    box->setRange(min, max);
    box->setValue(value);
    box->setSuffix(JobDialog::tr(" s"));
    return box;
}

QString keyText(const std::vector<LabelPair> &key) {
    QStringList parts;
    for (const LabelPair &l : key)
        parts << QString::fromUtf8(l.name) + u'=' + QString::fromUtf8(l.value);
    return parts.join(QStringLiteral(", "));
}

} // namespace

JobDialog::JobDialog(Lab *lab, const QByteArray &editing, QWidget *parent)
    : QDialog(parent)
    , m_lab(lab)
    , m_editing(editing)
    , m_name(new QLineEdit)
    , m_duration(secondsBox(2, 0, 24 * 3600, QStringLiteral("durationBox")))
    , m_success(new QDoubleSpinBox)
    , m_mode(new QComboBox)
    , m_groupingKey(new QLineEdit)
    , m_deleteAfterOn(new QCheckBox(tr("&Delete the group after")))
    , m_deleteAfter(secondsBox(30, 0, 24 * 3600, QStringLiteral("deleteAfterBox")))
    , m_repeatOn(new QCheckBox(tr("R&epeat every")))
    , m_repeat(secondsBox(60, 0.1, 7 * 24 * 3600, QStringLiteral("repeatBox")))
    , m_runNow(new QCheckBox(tr("Run it &now")))
    , m_problem(new QLabel) {
    setObjectName(editing.isEmpty() ? QStringLiteral("addJobDialog")
                                    : QStringLiteral("editJobDialog"));
    setWindowTitle(editing.isEmpty() ? tr("Add job")
                                     : tr("Edit job %1").arg(QString::fromUtf8(editing)));
    auto *intro = new QLabel(
        tr("A short-lived batch job: it runs for its duration, succeeds or fails, and then "
           "pushes its metrics to the lab's Pushgateway (PUT replaces the whole group, POST only "
           "the pushed metrics; with no push it only serves /metrics while it runs)."));
    intro->setWordWrap(true);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_success->setObjectName(QStringLiteral("successBox"));
    m_success->setRange(0, 1);
    m_success->setDecimals(2);
    m_success->setSingleStep(0.05);
    m_success->setValue(1);
    m_mode->setObjectName(QStringLiteral("modeBox"));
    m_mode->addItem(tr("PUT (push: replaces the group)"), int(JobPushMode::Push));
    m_mode->addItem(tr("POST (pushadd: replaces the pushed metrics)"), int(JobPushMode::PushAdd));
    m_mode->addItem(tr("none (only /metrics while running)"), int(JobPushMode::None));
    m_groupingKey->setObjectName(QStringLiteral("groupingKeyEdit"));
    m_groupingKey->setPlaceholderText(tr("empty: job=<name>; or job=backup, instance=db-1"));
    m_deleteAfterOn->setObjectName(QStringLiteral("deleteAfterCheck"));
    m_repeatOn->setObjectName(QStringLiteral("repeatCheck"));
    m_runNow->setObjectName(QStringLiteral("runNowCheck"));
    m_runNow->setChecked(editing.isEmpty());
    m_deleteAfter->setEnabled(false);
    m_repeat->setEnabled(false);
    connect(m_deleteAfterOn, &QCheckBox::toggled, m_deleteAfter, &QWidget::setEnabled);
    connect(m_repeatOn, &QCheckBox::toggled, m_repeat, &QWidget::setEnabled);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    if (const BatchJob *job = lab && !editing.isEmpty() ? lab->job(editing) : nullptr) {
        const BatchJobSpec &s = job->spec();
        m_name->setText(QString::fromUtf8(s.name));
        m_duration->setValue(double(s.durationMs) / 1000);
        m_success->setValue(s.successProbability);
        m_mode->setCurrentIndex(m_mode->findData(int(s.pushMode)));
        m_groupingKey->setText(keyText(s.groupingKey));
        m_deleteAfterOn->setChecked(s.deleteAfterMs >= 0);
        if (s.deleteAfterMs >= 0)
            m_deleteAfter->setValue(double(s.deleteAfterMs) / 1000);
        m_repeatOn->setChecked(s.repeatEveryMs > 0);
        if (s.repeatEveryMs > 0)
            m_repeat->setValue(double(s.repeatEveryMs) / 1000);
    }

    auto *deleteRow = new QHBoxLayout;
    deleteRow->addWidget(m_deleteAfterOn);
    deleteRow->addWidget(m_deleteAfter, 1);
    auto *repeatRow = new QHBoxLayout;
    repeatRow->addWidget(m_repeatOn);
    repeatRow->addWidget(m_repeat, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("N&ame:"), m_name);
    form->addRow(tr("D&uration:"), m_duration);
    form->addRow(tr("&Success probability:"), m_success);
    form->addRow(tr("&Push:"), m_mode);
    form->addRow(tr("&Grouping key:"), m_groupingKey);
    form->addRow(QString(), deleteRow);
    form->addRow(QString(), repeatRow);
    form->addRow(QString(), m_runNow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &JobDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    m_name->setFocus();
}

QByteArray JobDialog::jobName() const {
    return m_name->text().trimmed().toUtf8();
}

QString JobDialog::problem() const {
    return m_problem->isHidden() ? QString() : m_problem->text().mid(2);
}

void JobDialog::showProblem(const QString &why) {
    m_problem->setText(QStringLiteral("! ") + why);
    m_problem->show();
}

// The grouping key as typed ("job=backup, instance=db-1"); the lab checks the label names.
bool JobDialog::specFromWidgets(JobSpec *spec, QString *error) const {
    spec->spec.name = jobName();
    spec->spec.durationMs = qRound64(m_duration->value() * 1000);
    spec->spec.successProbability = m_success->value();
    spec->spec.pushMode = JobPushMode(m_mode->currentData().toInt());
    spec->spec.deleteAfterMs =
        m_deleteAfterOn->isChecked() ? qRound64(m_deleteAfter->value() * 1000) : -1;
    spec->spec.repeatEveryMs = m_repeatOn->isChecked() ? qRound64(m_repeat->value() * 1000) : 0;
    spec->useLabGateway = true;
    spec->spec.groupingKey.clear();
    const QString key = m_groupingKey->text().trimmed();
    if (key.isEmpty())
        return true;
    for (const QString &part : key.split(u',')) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq < 0) {
            *error = tr("the grouping key is a list of label=value, separated by commas: "
                        "\"%1\" has no =")
                         .arg(part.trimmed());
            return false;
        }
        spec->spec.groupingKey.push_back(
            {part.left(eq).trimmed().toUtf8(), part.mid(eq + 1).trimmed().toUtf8()});
    }
    return true;
}

void JobDialog::accept() {
    if (!m_lab)
        return;
    JobSpec spec;
    QString error;
    if (!specFromWidgets(&spec, &error)) {
        showProblem(error);
        return;
    }
    if (m_editing.isEmpty() ? !m_lab->addJob(spec, &error)
                            : !m_lab->replaceJob(m_editing, spec, &error)) {
        showProblem(error);
        return;
    }
    m_editing = spec.spec.name; // saved: a second OK edits it
    if (m_runNow->isChecked() && !m_lab->runJob(spec.spec.name, &error)) {
        m_runNow->setChecked(false);
        showProblem(tr("The job was saved, but it did not start: %1").arg(error));
        return;
    }
    m_problem->hide();
    QDialog::accept();
}

} // namespace ppl
