// The pods panel: adding a pod through its dialog, flipping its scrape annotation under the
// service-discovery scenario's keep rule, removing it, errors, and the window's pods dock.
// Lab clock: a ManualClock stepped a second at a time; scrapes are real loopback HTTP.
#include "errorbar.h"
#include "lab/lab.h"
#include "lab/scenario.h"
#include "labtesthelpers.h"
#include "mainwindow.h"
#include "podsmodel.h"
#include "podspanel.h"
#include "scrape/scrapemanager.h"
#include "targetspanel.h"
#include "topologyview.h"
#include "uitestlab.h"
#include "util/clock.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QHash>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <functional>

using namespace ppl;

namespace {

// Whether the scraper has a loop whose URL points at the pod's port.
bool scraped(Lab &lab, const QByteArray &pod) {
    const SimulatedTarget *t = lab.target(pod);
    if (!t)
        return false;
    for (const ScrapeTarget &st : lab.scrapeManager()->activeTargets())
        if (QUrl(st.url).port() == t->port())
            return true;
    return false;
}

// Runs fn on the modal dialog as soon as it is up (the caller then opens it, blocking).
void onModalDialog(std::function<void(QDialog *)> fn) {
    QTimer::singleShot(0, qApp, [fn = std::move(fn)] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        fn(dialog);
    });
}

} // namespace

class TestPodsPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void podSpecFromForm_data();
    void podSpecFromForm();
    void addingAPodThroughTheDialogShowsItInTableAndCatalog();
    void aBadLabelListKeepsTheDialogOpen();
    void togglingTheScrapeAnnotationDropsAndKeepsTheTarget();
    void removingAPodRemovesItsRow();
    void errorsReachErrorOccurred_data();
    void errorsReachErrorOccurred();
    void windowHasAPodsDockMenuAndTopologyNodes();

private:
    ManualClock *m_clock = nullptr;
    Lab *m_lab = nullptr;
};

void TestPodsPanel::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestPodsPanel::init() {
    m_clock = new ManualClock;
    m_lab = new Lab({m_clock});
    QString error;
    QVERIFY2(loadBuiltInScenario(*m_lab, QStringLiteral("service-discovery"), &error),
             qPrintable(error));
}

void TestPodsPanel::cleanup() {
    delete m_lab;
    delete m_clock;
    m_lab = nullptr;
    m_clock = nullptr;
}

void TestPodsPanel::podSpecFromForm_data() {
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("labels");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("labelCount");
    QTest::newRow("defaults") << ""
                              << "web-d"
                              << "app=web" << true << 1;
    QTest::newRow("two labels, spaces") << "shop"
                                        << "cart"
                                        << " app = cart , tier=front" << true << 2;
    QTest::newRow("no labels") << "default"
                               << "p"
                               << "" << true << 0;
    QTest::newRow("dotted key") << "default"
                                << "p"
                                << "app.kubernetes.io/name=x" << true << 1;
    QTest::newRow("label without =") << "default"
                                     << "p"
                                     << "app" << false << 0;
    QTest::newRow("label without key") << "default"
                                       << "p"
                                       << "=web" << false << 0;
    QTest::newRow("empty name") << "default"
                                << ""
                                << "" << false << 0;
    QTest::newRow("name starting with a dash") << "default"
                                               << "-web"
                                               << "" << false << 0;
    QTest::newRow("name with a space") << "default"
                                       << "web d"
                                       << "" << false << 0;
    QTest::newRow("namespace with a slash") << "a/b"
                                            << "p"
                                            << "" << false << 0;
}

void TestPodsPanel::podSpecFromForm() {
    QFETCH(QString, ns);
    QFETCH(QString, name);
    QFETCH(QString, labels);
    QFETCH(bool, ok);
    QFETCH(int, labelCount);
    QString error;
    const std::optional<PodSpec> spec =
        PodsPanel::podSpecFrom(ns, name, labels, true, true, &error);
    QCOMPARE(spec.has_value(), ok);
    QCOMPARE(error.isEmpty(), ok);
    if (!ok)
        return;
    QCOMPARE(spec->pod.namespaceName, ns.isEmpty() ? QByteArray("default") : ns.toUtf8());
    QCOMPARE(spec->pod.name, name.toUtf8());
    QCOMPARE(spec->pod.labels.size(), labelCount);
    QCOMPARE(spec->pod.annotations.value("prometheus.io/scrape"), QByteArray("true"));
    QCOMPARE(spec->pod.annotations.value("prometheus.io/port"), QByteArray("{{port}}"));
    QCOMPARE(spec->pod.ports.size(), 1); // declared, as a scenario's pod
    QCOMPARE(spec->pod.ports.front().portName, QByteArray("metrics"));
}

void TestPodsPanel::addingAPodThroughTheDialogShowsItInTableAndCatalog() {
    PodsPanel panel(m_lab);
    QCOMPARE(panel.model()->rowCount(), 3); // web-a, web-b, jobs/batch-worker
    QSignalSpy errors(&panel, &PodsPanel::errorOccurred);
    onModalDialog([](QDialog *dialog) {
        QCOMPARE(dialog->objectName(), QStringLiteral("addPodDialog"));
        auto *ns = dialog->findChild<QLineEdit *>(QStringLiteral("namespaceEdit"));
        QVERIFY(ns);
        QCOMPARE(ns->text(), QStringLiteral("default"));
        QVERIFY(dialog->findChild<QCheckBox *>(QStringLiteral("scrapeBox"))->isChecked());
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))
            ->setText(QStringLiteral("web-d"));
        dialog->findChild<QLineEdit *>(QStringLiteral("labelsEdit"))
            ->setText(QStringLiteral("app=web, tier=front"));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    panel.addPodAction()->trigger(); // blocks in the dialog until the callback accepts it
    QCOMPARE(errors.count(), 0);

    QCOMPARE(panel.model()->rowCount(), 4);
    const int row = panel.model()->rowOf("web-d", "default");
    QVERIFY(row >= 0);
    QCOMPARE(panel.currentPod(), QByteArray("web-d"));
    const Pod *pod = m_lab->pods()->find("default", "web-d");
    QVERIFY(pod);
    QCOMPARE(pod->labels.value("tier"), QByteArray("front"));
    QVERIFY(m_lab->target("web-d"));
    // {{port}} became the pod's own port, as in a scenario.
    QCOMPARE(pod->annotations.value("prometheus.io/port"),
             QByteArray::number(m_lab->target("web-d")->port()));
    const QString labels = panel.model()->index(row, PodsModel::PodLabels).data().toString();
    QVERIFY2(labels.contains(u"tier=front"), qPrintable(labels));
    // Discovered, kept by the annotation rule, scraped and up.
    QVERIFY(scraped(*m_lab, "web-d"));
    QCOMPARE(panel.model()->scrapeAt(row), PodsModel::Scrape::Scraped);
    PPL_STEP(*m_clock, *m_lab, 6000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.model()
                                 ->index(panel.model()->rowOf("web-d"), PodsModel::Health)
                                 .data()
                                 .toString()
                                 .contains(LabPalette::stateText(LabPalette::State::Up)),
                             2000);
}

void TestPodsPanel::aBadLabelListKeepsTheDialogOpen() {
    PodsPanel panel(m_lab);
    bool stayedOpen = false;
    QString problem;
    onModalDialog([&](QDialog *dialog) {
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("x"));
        dialog->findChild<QLineEdit *>(QStringLiteral("labelsEdit"))
            ->setText(QStringLiteral("app"));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        stayedOpen = dialog->isVisible();
        problem = dialog->findChild<QLabel *>(QStringLiteral("problemLabel"))->text();
        dialog->reject();
    });
    panel.addPodAction()->trigger();
    QVERIFY(stayedOpen);
    QVERIFY2(problem.contains(u"key=value"), qPrintable(problem));
    QCOMPARE(panel.model()->rowCount(), 3);
    QVERIFY(!m_lab->pods()->find("default", "x"));
}

void TestPodsPanel::togglingTheScrapeAnnotationDropsAndKeepsTheTarget() {
    PodsPanel panel(m_lab);
    PPL_STEP(*m_clock, *m_lab, 3000);
    QVERIFY(scraped(*m_lab, "web-a"));
    QVERIFY(!scraped(*m_lab, "batch-worker")); // no annotation: the keep rule drops it
    QCOMPARE(panel.model()->scrapeAt(panel.model()->rowOf("batch-worker")),
             PodsModel::Scrape::Dropped);

    panel.selectPod("web-a");
    QVERIFY(panel.toggleScrapeAction()->isEnabled());
    panel.toggleScrapeAction()->trigger();
    QCOMPARE(m_lab->pods()->find("default", "web-a")->annotations.value("prometheus.io/scrape"),
             QByteArray("false"));
    QCOMPARE(panel.currentPod(), QByteArray("web-a")); // the selection survives the rebuild
    PPL_STEP(*m_clock, *m_lab, 1000);
    QTRY_VERIFY_WITH_TIMEOUT(!scraped(*m_lab, "web-a"), 2000);
    QVERIFY(scraped(*m_lab, "web-b")); // the other pod is untouched
    const int row = panel.model()->rowOf("web-a");
    QCOMPARE(panel.model()->scrapeAt(row), PodsModel::Scrape::Dropped);
    QVERIFY(panel.model()->index(row, PodsModel::Health).data().toString().isEmpty());

    panel.toggleScrapeAction()->trigger(); // and back
    QCOMPARE(m_lab->pods()->find("default", "web-a")->annotations.value("prometheus.io/scrape"),
             QByteArray("true"));
    QTRY_VERIFY_WITH_TIMEOUT(scraped(*m_lab, "web-a"), 2000);
    QCOMPARE(panel.model()->scrapeAt(panel.model()->rowOf("web-a")), PodsModel::Scrape::Scraped);

    // The dropped pod of the scenario can be switched on from the panel too.
    panel.selectPod("batch-worker");
    QCOMPARE(panel.currentNamespace(), QByteArray("jobs"));
    panel.toggleScrapeAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(scraped(*m_lab, "batch-worker"), 2000);
}

void TestPodsPanel::removingAPodRemovesItsRow() {
    PodsPanel panel(m_lab);
    QVERIFY(!panel.removePodAction()->isEnabled()); // nothing selected
    panel.selectPod("web-b");
    QVERIFY(panel.removePodAction()->isEnabled());
    panel.removePodAction()->trigger();
    QCOMPARE(panel.model()->rowCount(), 2);
    QCOMPARE(panel.model()->rowOf("web-b"), -1);
    QVERIFY(!m_lab->pods()->find("default", "web-b"));
    QVERIFY(!m_lab->target("web-b"));
    QTRY_VERIFY_WITH_TIMEOUT(!scraped(*m_lab, "web-b"), 2000);
    QVERIFY(!panel.removePodAction()->isEnabled());
}

void TestPodsPanel::errorsReachErrorOccurred_data() {
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("expected");
    QTest::newRow("duplicate pod") << "duplicate"
                                   << "web-a";
    QTest::newRow("name taken by another namespace's pod") << "duplicate-other-ns"
                                                           << "web-a";
    QTest::newRow("remove without a selection") << "remove"
                                                << "Select a pod";
    QTest::newRow("toggle without a selection") << "toggle"
                                                << "Select a pod";
}

void TestPodsPanel::errorsReachErrorOccurred() {
    QFETCH(QString, what);
    QFETCH(QString, expected);
    PodsPanel panel(m_lab);
    QSignalSpy errors(&panel, &PodsPanel::errorOccurred);
    bool ok = true;
    if (what.startsWith(u"duplicate")) {
        const auto spec = PodsPanel::podSpecFrom(
            what == u"duplicate" ? QStringLiteral("default") : QStringLiteral("other"),
            QStringLiteral("web-a"), QString(), true, true, nullptr);
        QVERIFY(spec);
        ok = panel.addPod(*spec);
    } else if (what == u"remove") {
        ok = panel.removeCurrentPod();
    } else {
        ok = panel.toggleScrapeAnnotation();
    }
    QVERIFY(!ok);
    QCOMPARE(errors.count(), 1);
    const QString message = errors.front().front().toString();
    QVERIFY2(message.contains(expected), qPrintable(message));
    QCOMPARE(panel.model()->rowCount(), 3); // nothing changed
}

void TestPodsPanel::windowHasAPodsDockMenuAndTopologyNodes() {
    MainWindow window(m_lab);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("podsDock"));
    QVERIFY(dock);
    QCOMPARE(dock->widget(), window.podsPanel());
    dock->raise();

    // The pod actions are in a menu, with shortcuts no other action of the window uses.
    QSet<QAction *> inMenus;
    for (QAction *menu : window.menuBar()->actions())
        if (menu->menu())
            for (QAction *a : menu->menu()->actions())
                inMenus.insert(a);
    QList<QAction *> all = window.findChildren<QAction *>();
    for (QAction *pod : window.podsPanel()->podActions()) {
        QVERIFY2(inMenus.contains(pod), qPrintable(pod->text()));
        QVERIFY(!pod->shortcut().isEmpty());
        for (QAction *other : std::as_const(all))
            if (other != pod)
                QVERIFY2(other->shortcut() != pod->shortcut(),
                         qPrintable(pod->text() + QStringLiteral(" vs ") + other->text()));
    }

    // And no two actions of the window share a shortcut (an ambiguous one fires neither).
    QHash<QKeySequence, QAction *> owners;
    for (QAction *a : std::as_const(all))
        for (const QKeySequence &key : a->shortcuts()) {
            QAction *owner = owners.value(key);
            QVERIFY2(!owner || owner == a, qPrintable(key.toString() + QStringLiteral(": ") +
                                                      (owner ? owner->text() : QString()) +
                                                      QStringLiteral(" and ") + a->text()));
            owners.insert(key, a);
        }

    // The topology has a node per pod; clicking one selects it in the pods panel.
    TopologyView *topology = window.topology();
    QCOMPARE(topology->nodeCount(), 5); // server, web-a, web-b, batch-worker, gateway
    QVERIFY(topology->nodeViewPosition("batch-worker").x() >= 0);
    QTest::mouseClick(topology->viewport(), Qt::LeftButton, {},
                      topology->nodeViewPosition("batch-worker"));
    QCOMPARE(window.podsPanel()->currentPod(), QByteArray("batch-worker"));
    QCOMPARE(window.targetsPanel()->currentTarget(), QByteArray("batch-worker"));
    QVERIFY(!dock->visibleRegion().isEmpty()); // raised over the targets dock

    // An error of the panel reaches the window's error bar.
    window.podsPanel()->view()->clearSelection();
    window.podsPanel()->view()->selectionModel()->clearCurrentIndex();
    window.podsPanel()->removeCurrentPod();
    QVERIFY(window.errorBar()->currentMessage().contains(u"Select a pod"));

    // A pod added from the window appears in the topology too.
    const auto spec = PodsPanel::podSpecFrom(QStringLiteral("default"), QStringLiteral("web-c"),
                                             QStringLiteral("app=web"), true, true, nullptr);
    QVERIFY(spec);
    QVERIFY(window.podsPanel()->addPod(*spec));
    QCOMPARE(topology->nodeCount(), 6);
    window.podsPanel()->selectPod("web-b");
    window.podsPanel()->toggleScrapeAction()->trigger();

    // Screenshot with the pods dock in front, after a few scrapes.
    PPL_STEP(*m_clock, *m_lab, 8000);
    const QString file = screenshotDir() + QStringLiteral("/podspanel.png");
    QVERIFY(window.saveScreenshot(file));
    const QImage img(file);
    QVERIFY(!img.isNull());
    QVERIFY(img.width() >= 1000);
    QVERIFY2(colourCount(img, 3) > 20, "the window grabbed as a flat picture");
}

QTEST_MAIN(TestPodsPanel)
#include "tst_podspanel.moc"
