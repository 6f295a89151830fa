#pragma once

#include "lab/labcommand.h"
#include "lab/scenario.h"
#include "rules/alert.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ppl::lesson {

// A text a lesson shows, in English and any translations the file gives: a plain string is
// English; a mapping {en: …, de: …} holds one text per language (docs/lessons.md).
struct Text {
    QMap<QString, QString> byLanguage; // "en" always present once loaded
    // The text in the language (e.g. "de"), falling back to English.
    QString in(const QString &language) const;
    QString en() const { return byLanguage.value(QStringLiteral("en")); }
    bool isEmpty() const { return byLanguage.isEmpty(); }
};

// The language lessons are shown in: the UI language of QLocale() ("de", else "en").
QString defaultLessonLanguage();

// One condition of a step's check. Every condition of a check must hold at once.
struct Condition {
    enum class Kind {
        Query,   // a PromQL expression with a non-empty result (a scalar: non-zero)
        Push,    // the lab's gateway received a push or delete (from anyone) matching
        Scrape,  // a scrape (of a job / instance / the lab's target) succeeded or failed
        Target,  // a lab target changed (killed, started, faulted, …)
        Alert,   // an alert of the rule manager is (or is not) pending / firing
        Config,  // the running configuration has a scrape job with these properties
        Group,   // the lab's gateway holds (or no longer holds) a group
        Gateway, // the lab's gateway was restarted (with or without persistence), …
    };
    Kind kind = Kind::Query;
    QString path; // "steps[1].check[0]", for messages and reports
    int line = 0;

    // Query
    QByteArray expr; // placeholders allowed ({{target:NAME}} → host:port)

    // Push
    enum class Outcome { Any, Accepted, Rejected };
    enum class Source { Any, Outside, Lab };
    Outcome outcome = Outcome::Accepted;
    Source source = Source::Any;
    QString method; // "PUT", "POST", "DELETE"; empty: any
    QByteArray job; // Push/Group: the grouping key's job; Scrape, Config: the job
    std::vector<LabelPair> groupingKey; // Push/Group: exactly this key (empty: any)

    // Scrape
    bool failed = true; // Scrape: a failed scrape (false: a successful one)
    QString errorKind;  // Scrape: timeout, refused, http, parse, … (empty: any)
    QByteArray subject; // Scrape/Target: the lab's name for it or its instance (empty: any)

    // Target
    QString change; // started, killed, healed, faulted, reachable, unreachable, removed
    // Gateway: change is restarted, group_deleted or persistence_changed; persistence: a
    // restart kept its groups (or the persistence switch turned on); unset: either
    std::optional<bool> persistence;

    // Alert
    QByteArray alert;
    rules::AlertState alertState = rules::AlertState::Firing;
    std::vector<LabelPair> alertLabels; // the alert carries these too

    // Config: a scrape job of the running configuration with all of these
    std::optional<QString> scrapes; // what it scrapes: gateway, server, outside, target:NAME
    std::optional<bool> honorLabels;
    // Config/Group/Alert: true: such a thing exists; false: none does
    bool present = true;

    // Timing: the condition counts only if met within this long after the step began (-1:
    // any time), and a state condition must then hold this long without a break.
    qint64 withinMs = -1;
    qint64 forMs = 0;

    bool isEvent() const {
        return kind == Kind::Push || kind == Kind::Scrape || kind == Kind::Target ||
               kind == Kind::Gateway;
    }
};

// Predict → observe → explain: a question asked before the student acts.
struct Prediction {
    Text question;
    QList<Text> choices;
    int answer = 0; // the index of the right choice
    Text explanation;
};

// Something the lesson does itself when its step begins (after afterMs on the lab clock).
struct LessonAction {
    enum class Kind {
        Command, // a lab operation, as a scenario action or a /lab/* request
        Advance, // fast-forward the lab clock by advanceMs (the simulation clock's step)
    };
    Kind kind = Kind::Command;
    LabCommand command;
    qint64 advanceMs = 0;
    qint64 afterMs = 0;
    QString path;
};

struct Hint {
    Text text;
    qint64 afterMs = -1; // revealed by itself this long after the step began; -1: on request
};

struct Step {
    QString id;
    Text title;
    Text text; // Markdown with {{gateway}}, {{server}}, {{target:NAME}}
    std::optional<Prediction> predict;
    std::vector<Condition> checks;
    QList<Hint> hints;
    std::vector<LessonAction> actions;
    Text explain;
    int line = 0;
};

struct Lesson {
    QString id;
    Text title;
    Text summary;
    QString level; // beginner, intermediate, advanced
    int minutes = 0;
    QList<Text> objectives;
    QString scenarioRef; // the built-in name, the file, or "inline"
    Scenario scenario;   // loaded and checked
    std::vector<Step> steps;
    QString file;
};

struct LessonError {
    QString file;
    int line = 0;
    QString path;
    QString message;
    QString toString() const; // "file:line: path: message"
};

struct LessonLoadResult {
    std::optional<Lesson> lesson;
    std::vector<LessonError> errors; // every problem found, in file order
};

// Validates completely: every problem is reported (not only the first), with its line and path.
LessonLoadResult loadLesson(const QByteArray &yaml, const QString &file,
                            const QString &baseDir = {});
LessonLoadResult loadLessonFile(const QString &path);
// A built-in id (builtInLessons()) or a path to a file.
LessonLoadResult loadLessonByNameOrFile(const QString &nameOrFile);

struct LessonInfo {
    QString id;
    QString title; // in defaultLessonLanguage()
};
QList<LessonInfo> builtInLessons(); // in the course's order

} // namespace ppl::lesson
