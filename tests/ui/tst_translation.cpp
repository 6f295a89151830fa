// The German translation: it compiles, loads for a German locale, and reaches the window.
#include "builtinscenariotexts.h"
#include "lab/scenario.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace ppl;

class TestTranslation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void loadsForGermanLocale();
    void windowSpeaksGerman();
    void tsFileIsComplete();
    void builtInScenarioDescriptionsTranslated();
    void builtInScenarioTooltipsInGerman();
};

namespace {
struct TsMessage {
    QString context;
    QString source;
    QStringList forms; // one, or one per plural form
    QString type;      // "unfinished", "vanished", "obsolete" or empty
    bool numerus = false;
};

QList<TsMessage> readTs(QString *error) {
    QFile f(qEnvironmentVariable("PPL_SOURCE_DIR") +
            QStringLiteral("/translations/pullpush-lab_de.ts"));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return {};
    }
    QList<TsMessage> out;
    QString context;
    QXmlStreamReader xml(&f);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"message") {
            TsMessage m{
                context, {}, {}, {}, xml.attributes().value(QLatin1String("numerus")) == u"yes"};
            out.push_back(m);
        } else if (xml.name() == u"source" && !out.isEmpty()) {
            out.last().source = xml.readElementText();
        } else if (xml.name() == u"translation" && !out.isEmpty()) {
            out.last().type = xml.attributes().value(QLatin1String("type")).toString();
            if (!out.last().numerus)
                out.last().forms = {xml.readElementText()};
        } else if (xml.name() == u"numerusform" && !out.isEmpty()) {
            out.last().forms.push_back(xml.readElementText());
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

// %1…%99 and %n, sorted: a translation must keep every placeholder of its source.
QStringList placeholders(const QString &text) {
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    found.removeDuplicates();
    return found;
}

// An accelerator is "&" before a character other than a space or another "&".
int accelerators(const QString &text) {
    static const QRegularExpression re(QStringLiteral("&[^\\s&]"));
    QString t = text;
    t.remove(QStringLiteral("&&"));
    return int(t.count(re));
}
} // namespace

void TestTranslation::loadsForGermanLocale() {
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::German, QLocale::Germany),
                            QStringLiteral("pullpush-lab"), QStringLiteral("_"),
                            QStringLiteral(":/i18n")));
    QCOMPARE(translator.translate("ppl::MainWindow", "Pull/Push Lab"),
             QStringLiteral("Pull/Push-Labor"));
    QVERIFY(!translator.isEmpty());
}

void TestTranslation::windowSpeaksGerman() {
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/pullpush-lab_de.qm")));
    QCoreApplication::installTranslator(&translator);
    MainWindow window;
    QCOMPARE(window.windowTitle(), QStringLiteral("Pull/Push-Labor"));
    QCOMPARE(window.zoomInAction()->text(), QStringLiteral("Ver&größern"));
    window.resize(1200, 800);
    window.show();
    const QString dir =
        qEnvironmentVariable("PPL_BINARY_DIR", QDir::tempPath()) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    QVERIFY(window.saveScreenshot(dir + QStringLiteral("/mainwindow-de.png")));
    const QImage img(dir + QStringLiteral("/mainwindow-de.png"));
    QSet<QRgb> colours;
    for (int y = 0; y < img.height(); y += 4)
        for (int x = 0; x < img.width(); x += 4)
            colours.insert(img.pixel(x, y));
    QVERIFY(colours.size() > 10);
    QCoreApplication::removeTranslator(&translator);
}

void TestTranslation::tsFileIsComplete() {
    QString error;
    const QList<TsMessage> messages = readTs(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 700);
    static const QRegularExpression shortcut(
        QStringLiteral("^((Ctrl|Alt|Shift|Meta)\\+)+\\S+$|^F\\d+$"));
    for (const TsMessage &m : messages) {
        const QString where = m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(m.type.isEmpty(), qPrintable(m.type + QStringLiteral(" ") + where));
        QVERIFY2(m.forms.size() == (m.numerus ? 2 : 1), qPrintable(where));
        for (qsizetype i = 0; i < m.forms.size(); ++i) {
            const QString &form = m.forms[i];
            QVERIFY2(!form.isEmpty(), qPrintable(where));
            QStringList expected = placeholders(m.source);
            // German's first plural form is for n = 1 only: "the last change" may drop the %n.
            if (m.numerus && i == 0 && !form.contains(QStringLiteral("%n")))
                expected.removeAll(QStringLiteral("%n"));
            QVERIFY2(placeholders(form) == expected, qPrintable(where));
            QVERIFY2(accelerators(form) == accelerators(m.source), qPrintable(where));
            // Shortcuts stay as written: QKeySequence parses the English modifier names.
            if (shortcut.match(m.source).hasMatch())
                QVERIFY2(form == m.source, qPrintable(where));
        }
    }
}

void TestTranslation::builtInScenarioDescriptionsTranslated() {
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/pullpush-lab_de.qm")));
    QCoreApplication::installTranslator(&translator);
    const QList<ScenarioInfo> scenarios = builtInScenarios();
    QVERIFY(!scenarios.isEmpty());
    for (const ScenarioInfo &info : scenarios) {
        // A YAML description edited without its entry in ui/builtinscenariotexts.cpp (and
        // the .ts) stays English here.
        QVERIFY2(!info.description.isEmpty(), qPrintable(info.name));
        QVERIFY2(builtInScenarioDescription(info.description) != info.description,
                 qPrintable(info.name + QStringLiteral(": ") + info.description));
    }
    QCOMPARE(QCoreApplication::translate("ppl::JobsModel", "none"), QStringLiteral("keiner"));
    QCoreApplication::removeTranslator(&translator);
    // Without a translator the English text comes back unchanged.
    QCOMPARE(builtInScenarioDescription(scenarios.first().description),
             scenarios.first().description);
}

void TestTranslation::builtInScenarioTooltipsInGerman() {
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/pullpush-lab_de.qm")));
    QCoreApplication::installTranslator(&translator);
    MainWindow window;
    const QString title = QCoreApplication::translate("ppl::MainWindow", "&Built-in scenarios");
    QMenu *menu = nullptr;
    for (QMenu *m : window.menuBar()->findChildren<QMenu *>())
        if (m->title() == title)
            menu = m;
    QVERIFY(menu);
    int checked = 0;
    for (const ScenarioInfo &info : builtInScenarios()) {
        for (QAction *a : menu->actions()) {
            if (a->text() != info.name)
                continue;
            QCOMPARE(a->toolTip(), builtInScenarioDescription(info.description));
            QVERIFY(a->toolTip() != info.description);
            QCOMPARE(a->statusTip(), a->toolTip());
            ++checked;
        }
    }
    QCOMPARE(checked, int(builtInScenarios().size()));
    QCoreApplication::removeTranslator(&translator);
}

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
