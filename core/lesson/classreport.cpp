#include "classreport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

#include <algorithm>
#include <map>

namespace ppl::lesson {

namespace {

struct ClassText {
    Q_DECLARE_TR_FUNCTIONS(ppl::ClassReport)
};

QByteArray csvField(const QString &s) {
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n'))
        return s.toUtf8();
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return '"' + q.toUtf8() + '"';
}

QString seconds(double s) {
    return s < 0 ? QString() : QString::number(s, 'f', 1);
}

QString html(const QString &s) {
    return s.toHtmlEscaped();
}

double median(std::vector<double> v) {
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

double ClassReport::StepRow::struggle() const {
    if (students == 0)
        return 0;
    return double(students - passed) / students * 100 +
           double(hintsUsed + predictionsWrong) / students * 10 + std::max(0.0, medianTimeS) / 600;
}

QList<ClassReport::StepRow> ClassReport::struggledWith(int n) const {
    QList<StepRow> out;
    for (const StepRow &s : steps)
        if (s.students > 0 && (s.passed < s.students || s.hintsUsed > 0 || s.predictionsWrong > 0))
            out << s;
    std::stable_sort(out.begin(), out.end(), [](const StepRow &a, const StepRow &b) {
        return a.struggle() > b.struggle();
    });
    return out.mid(0, n);
}

ClassReport buildClassReport(const QList<QJsonObject> &reports) {
    ClassReport out;
    // One merged attempt per (student, lesson).
    struct StepMerge {
        QString title;
        bool reached = false;
        bool passed = false;
        double timeS = -1;
        int hints = 0;
        int wrong = 0;
    };
    struct Merge {
        ClassReport::StudentRow row;
        QStringList stepOrder;
        std::map<QString, StepMerge> steps;
    };
    std::map<std::pair<QString, QString>, Merge> merged;
    QStringList lessonOrder;
    std::map<QString, QStringList> lessonSteps;
    for (const QJsonObject &r : reports) {
        const QString student = r.value(QStringLiteral("student")).toString();
        const QString lesson =
            r.value(QStringLiteral("lesson")).toObject().value(QStringLiteral("id")).toString();
        Merge &m = merged[{student, lesson}];
        m.row.student = student.isEmpty() ? ClassText::tr("(no name)") : student;
        m.row.lesson = lesson;
        ++m.row.attempts;
        m.row.hintsUsed += r.value(QStringLiteral("hints_used")).toInt();
        m.row.predictionsRight += r.value(QStringLiteral("predictions_right")).toInt();
        m.row.predictionsWrong += r.value(QStringLiteral("predictions_wrong")).toInt();
        if (!lessonOrder.contains(lesson))
            lessonOrder << lesson;
        QStringList &order = lessonSteps[lesson];
        const QJsonArray steps = r.value(QStringLiteral("steps")).toArray();
        for (const QJsonValue &v : steps) {
            const QJsonObject s = v.toObject();
            const QString id = s.value(QStringLiteral("id")).toString();
            if (!order.contains(id))
                order << id;
            if (!m.stepOrder.contains(id))
                m.stepOrder << id;
            StepMerge &sm = m.steps[id];
            sm.title = s.value(QStringLiteral("title")).toString();
            sm.reached |= s.value(QStringLiteral("started")).toBool() ||
                          s.value(QStringLiteral("passed")).toBool();
            sm.hints += s.value(QStringLiteral("hints_used")).toInt();
            const QJsonObject p = s.value(QStringLiteral("prediction")).toObject();
            if (p.value(QStringLiteral("answered")).toBool() &&
                !p.value(QStringLiteral("correct")).toBool())
                ++sm.wrong;
            if (s.value(QStringLiteral("passed")).toBool()) {
                const double t = s.value(QStringLiteral("time_s")).toDouble(-1);
                if (!sm.passed || (t >= 0 && (sm.timeS < 0 || t < sm.timeS)))
                    sm.timeS = t;
                sm.passed = true;
            }
        }
        if (r.value(QStringLiteral("passed")).toBool()) {
            const double t = r.value(QStringLiteral("time_to_pass_s")).toDouble(-1);
            if (!m.row.passed || (t >= 0 && (m.row.timeToPassS < 0 || t < m.row.timeToPassS)))
                m.row.timeToPassS = t;
            m.row.passed = true;
        }
    }
    for (auto &[key, m] : merged) {
        m.row.steps = int(m.steps.size());
        m.row.stepsPassed = int(std::count_if(m.steps.begin(), m.steps.end(),
                                              [](const auto &p) { return p.second.passed; }));
        out.students << m.row;
    }
    for (const QString &lesson : lessonOrder)
        for (const QString &id : lessonSteps[lesson]) {
            ClassReport::StepRow row;
            row.lesson = lesson;
            row.step = id;
            std::vector<double> times;
            for (const auto &[key, m] : merged) {
                if (key.second != lesson)
                    continue;
                const auto it = m.steps.find(id);
                if (it == m.steps.end() || !it->second.reached)
                    continue;
                row.title = it->second.title;
                ++row.students;
                row.hintsUsed += it->second.hints;
                row.predictionsWrong += it->second.wrong;
                if (it->second.passed) {
                    ++row.passed;
                    if (it->second.timeS >= 0)
                        times.push_back(it->second.timeS);
                }
            }
            row.medianTimeS = median(times);
            out.steps << row;
        }
    return out;
}

ClassReport buildClassReport(const QString &dir) {
    QList<QJsonObject> reports;
    QStringList skipped;
    const QDir d(dir);
    for (const QString &name : d.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile f(d.filePath(name));
        if (!f.open(QIODevice::ReadOnly)) {
            skipped << ClassText::tr("%1: %2").arg(f.fileName(), f.errorString());
            continue;
        }
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &e);
        if (!doc.isObject() || !doc.object().contains(QStringLiteral("steps")) ||
            !doc.object().value(QStringLiteral("passed")).isBool()) {
            skipped << ClassText::tr("%1: not a lesson report").arg(f.fileName());
            continue;
        }
        reports << doc.object();
    }
    ClassReport r = buildClassReport(reports);
    r.skipped = skipped;
    return r;
}

QByteArray ClassReport::toCsv() const {
    QByteArray out = "student,lesson,passed,steps_passed,steps,time_to_pass_s,hints_used,"
                     "predictions_right,predictions_wrong,attempts\n";
    for (const StudentRow &s : students)
        out += csvField(s.student) + ',' + csvField(s.lesson) + ',' +
               (s.passed ? "true" : "false") + ',' + QByteArray::number(s.stepsPassed) + ',' +
               QByteArray::number(s.steps) + ',' + seconds(s.timeToPassS).toUtf8() + ',' +
               QByteArray::number(s.hintsUsed) + ',' + QByteArray::number(s.predictionsRight) +
               ',' + QByteArray::number(s.predictionsWrong) + ',' + QByteArray::number(s.attempts) +
               '\n';
    out += "\nlesson,step,title,students,passed,median_time_s,hints_used,predictions_wrong,"
           "struggled_rank\n";
    const QList<StepRow> hard = struggledWith(int(steps.size()));
    for (const StepRow &s : steps) {
        int rank = 0;
        for (int i = 0; i < hard.size(); ++i)
            if (hard[i].lesson == s.lesson && hard[i].step == s.step)
                rank = i + 1;
        out += csvField(s.lesson) + ',' + csvField(s.step) + ',' + csvField(s.title) + ',' +
               QByteArray::number(s.students) + ',' + QByteArray::number(s.passed) + ',' +
               seconds(s.medianTimeS).toUtf8() + ',' + QByteArray::number(s.hintsUsed) + ',' +
               QByteArray::number(s.predictionsWrong) + ',' +
               (rank ? QByteArray::number(rank) : QByteArray()) + '\n';
    }
    return out;
}

QByteArray ClassReport::toHtml() const {
    QString h = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1"
                               "</title><style>table{border-collapse:collapse}td,th{border:1px "
                               "solid #999;padding:2px 6px}.no{background:#fdd}.yes{background:"
                               "#dfd}</style></head><body>\n")
                    .arg(html(ClassText::tr("Class report")));
    h += QStringLiteral("<h1>%1</h1>\n").arg(html(ClassText::tr("Class report")));
    h += QStringLiteral("<h2>%1</h2>\n<ol>\n")
             .arg(html(ClassText::tr("Steps most students struggled with")));
    for (const StepRow &s : struggledWith(5))
        h += QStringLiteral("<li>%1 / %2 %3: %4</li>\n")
                 .arg(html(s.lesson), html(s.step), html(s.title),
                      html(ClassText::tr("%1 of %2 passed, %3 hints, %4 wrong predictions")
                               .arg(s.passed)
                               .arg(s.students)
                               .arg(s.hintsUsed)
                               .arg(s.predictionsWrong)));
    h += QStringLiteral("</ol>\n<h2>%1</h2>\n<table><tr>").arg(html(ClassText::tr("Students")));
    for (const QString &c :
         {ClassText::tr("Student"), ClassText::tr("Lesson"), ClassText::tr("Passed"),
          ClassText::tr("Steps"), ClassText::tr("Time to pass (s)"), ClassText::tr("Hints"),
          ClassText::tr("Predictions right"), ClassText::tr("wrong")})
        h += QStringLiteral("<th>%1</th>").arg(html(c));
    h += QStringLiteral("</tr>\n");
    for (const StudentRow &s : students)
        h += QStringLiteral("<tr class=\"%1\"><td>%2</td><td>%3</td><td>%4</td><td>%5/%6</td>"
                            "<td>%7</td><td>%8</td><td>%9</td><td>%10</td></tr>\n")
                 .arg(s.passed ? QStringLiteral("yes") : QStringLiteral("no"), html(s.student),
                      html(s.lesson), s.passed ? ClassText::tr("yes") : ClassText::tr("no"))
                 .arg(s.stepsPassed)
                 .arg(s.steps)
                 .arg(seconds(s.timeToPassS))
                 .arg(s.hintsUsed)
                 .arg(s.predictionsRight)
                 .arg(s.predictionsWrong);
    h += QStringLiteral("</table>\n<h2>%1</h2>\n<table><tr>").arg(html(ClassText::tr("Steps")));
    for (const QString &c : {ClassText::tr("Lesson"), ClassText::tr("Step"),
                             ClassText::tr("Passed"), ClassText::tr("Median time (s)"),
                             ClassText::tr("Hints"), ClassText::tr("Wrong predictions")})
        h += QStringLiteral("<th>%1</th>").arg(html(c));
    h += QStringLiteral("</tr>\n");
    for (const StepRow &s : steps)
        h += QStringLiteral("<tr><td>%1</td><td>%2 %3</td><td>%4/%5</td><td>%6</td><td>%7</td>"
                            "<td>%8</td></tr>\n")
                 .arg(html(s.lesson), html(s.step), html(s.title))
                 .arg(s.passed)
                 .arg(s.students)
                 .arg(seconds(s.medianTimeS))
                 .arg(s.hintsUsed)
                 .arg(s.predictionsWrong);
    h += QStringLiteral("</table>\n</body></html>\n");
    return h.toUtf8();
}

int classReportCommand(const QString &dir, const QString &csvFile, const QString &htmlFile,
                       QTextStream &out, QTextStream &err) {
    if (!QDir(dir).exists()) {
        err << ClassText::tr("--class-report: no directory %1").arg(dir) << Qt::endl;
        return 1;
    }
    const ClassReport r = buildClassReport(dir);
    for (const QString &s : r.skipped)
        err << ClassText::tr("skipped %1").arg(s) << Qt::endl;
    if (r.students.isEmpty()) {
        err << ClassText::tr("--class-report: no lesson reports in %1").arg(dir) << Qt::endl;
        return 1;
    }
    const auto write = [&](const QString &file, const QByteArray &data) {
        QSaveFile f(file);
        if (f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.commit())
            return true;
        err << ClassText::tr("cannot write %1: %2").arg(file, f.errorString()) << Qt::endl;
        return false;
    };
    if (!csvFile.isEmpty() && !write(csvFile, r.toCsv()))
        return 1;
    if (!htmlFile.isEmpty() && !write(htmlFile, r.toHtml()))
        return 1;
    out << ClassText::tr("%n student row(s) written", nullptr, int(r.students.size())) << Qt::endl;
    for (const ClassReport::StepRow &s : r.struggledWith(3))
        out << ClassText::tr("struggled with: %1 / %2 (%3 of %4 passed)")
                   .arg(s.lesson, s.step)
                   .arg(s.passed)
                   .arg(s.students)
            << Qt::endl;
    return 0;
}

} // namespace ppl::lesson
