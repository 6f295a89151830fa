#include "lab/labname.h"

#include <QTest>

using namespace ppl;

// The one rule for target, job, pod and namespace names (core/lab/labname.h), which the
// scenario loader, the pods panel, /lab/pods and Lab::addPod all ask.
class TestLabName : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valid_data() {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QByteArray("web-1") << true;
        QTest::newRow("dots and underscores") << QByteArray("db.backup_2") << true;
        QTest::newRow("starts with a digit") << QByteArray("1st") << true;
        QTest::newRow("capitals") << QByteArray("Web") << true;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("starts with a dash") << QByteArray("-web") << false;
        QTest::newRow("starts with a dot") << QByteArray(".web") << false;
        QTest::newRow("space") << QByteArray("web 1") << false;
        QTest::newRow("slash") << QByteArray("a/b") << false;
        QTest::newRow("placeholder braces") << QByteArray("{{x}}") << false;
        QTest::newRow("non-ASCII") << QByteArray("wéb") << false;
        QTest::newRow("253 characters") << QByteArray(253, 'a') << true;
        QTest::newRow("254 characters") << QByteArray(254, 'a') << false;
    }
    void valid() {
        QFETCH(QByteArray, name);
        QFETCH(bool, valid);
        QCOMPARE(isValidLabName(name), valid);
    }
};

QTEST_GUILESS_MAIN(TestLabName)
#include "tst_labname.moc"
