#include "storage/labels.h"
#include "storage/stringtable.h"

#include <QtTest>

#include <thread>
#include <unordered_set>

using namespace ppl;

using Pairs = std::vector<std::pair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(Pairs)

class TestLabels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void canonicalForm_data();
    void canonicalForm();
    void equalityAndHash_data();
    void equalityAndHash();
    void ordering_data();
    void ordering();
    void toString_data();
    void toString();
    void lookups();
    void builder();
    void builderFromBase();
    void hashIsStableAcrossInternOrder();
    void usableInStdContainers();
    void internIsThreadSafe();
};

void TestLabels::canonicalForm_data() {
    QTest::addColumn<Pairs>("input");
    QTest::addColumn<Pairs>("expected");
    QTest::addRow("sorted by name") << Pairs{{"b", "2"}, {"a", "1"}, {"__name__", "up"}}
                                    << Pairs{{"__name__", "up"}, {"a", "1"}, {"b", "2"}};
    QTest::addRow("last value wins")
        << Pairs{{"a", "1"}, {"b", "x"}, {"a", "2"}} << Pairs{{"a", "2"}, {"b", "x"}};
    QTest::addRow("empty value dropped") << Pairs{{"a", ""}, {"b", "1"}} << Pairs{{"b", "1"}};
    QTest::addRow("later empty value removes") << Pairs{{"a", "1"}, {"a", ""}} << Pairs{};
    QTest::addRow("empty") << Pairs{} << Pairs{};
    QTest::addRow("byte order, not locale")
        << Pairs{{"a", "1"}, {"B", "2"}, {"_", "3"}} << Pairs{{"B", "2"}, {"_", "3"}, {"a", "1"}};
}

void TestLabels::canonicalForm() {
    QFETCH(Pairs, input);
    QFETCH(Pairs, expected);
    const Labels l = Labels::fromPairs(input);
    QCOMPARE(l.toPairs(), expected);
    QCOMPARE(l.size(), int(expected.size()));
    QCOMPARE(l.isEmpty(), expected.empty());
    for (int i = 0; i < l.size(); ++i) {
        QCOMPARE(l.name(i), expected[size_t(i)].first);
        QCOMPARE(l.value(i), expected[size_t(i)].second);
        QCOMPARE(l.nameView(i), QByteArrayView(expected[size_t(i)].first));
    }
}

void TestLabels::equalityAndHash_data() {
    QTest::addColumn<Pairs>("a");
    QTest::addColumn<Pairs>("b");
    QTest::addColumn<bool>("equal");
    QTest::addRow("same order") << Pairs{{"a", "1"}, {"b", "2"}} << Pairs{{"a", "1"}, {"b", "2"}}
                                << true;
    QTest::addRow("other order") << Pairs{{"b", "2"}, {"a", "1"}} << Pairs{{"a", "1"}, {"b", "2"}}
                                 << true;
    QTest::addRow("empty label ignored")
        << Pairs{{"a", "1"}, {"c", ""}} << Pairs{{"a", "1"}} << true;
    QTest::addRow("value differs") << Pairs{{"a", "1"}} << Pairs{{"a", "2"}} << false;
    QTest::addRow("name differs") << Pairs{{"a", "1"}} << Pairs{{"b", "1"}} << false;
    QTest::addRow("subset") << Pairs{{"a", "1"}} << Pairs{{"a", "1"}, {"b", "1"}} << false;
    // Without a separator "ab"+"c" and "a"+"bc" would hash alike.
    QTest::addRow("concatenation ambiguity") << Pairs{{"ab", "c"}} << Pairs{{"a", "bc"}} << false;
    QTest::addRow("name/value swap") << Pairs{{"a", "b"}} << Pairs{{"b", "a"}} << false;
    QTest::addRow("both empty") << Pairs{} << Pairs{} << true;
}

void TestLabels::equalityAndHash() {
    QFETCH(Pairs, a);
    QFETCH(Pairs, b);
    QFETCH(bool, equal);
    const Labels la = Labels::fromPairs(a), lb = Labels::fromPairs(b);
    QCOMPARE(la == lb, equal);
    QCOMPARE(la != lb, !equal);
    QCOMPARE(la.hash() == lb.hash(), equal);
    QCOMPARE(std::hash<Labels>()(la), la.hash());
    if (equal) {
        QVERIFY(!(la < lb));
        QVERIFY(!(lb < la));
    } else {
        QVERIFY((la < lb) != (lb < la));
    }
}

void TestLabels::ordering_data() {
    QTest::addColumn<Pairs>("lower");
    QTest::addColumn<Pairs>("higher");
    QTest::addRow("by value") << Pairs{{"a", "1"}} << Pairs{{"a", "2"}};
    QTest::addRow("by name") << Pairs{{"a", "9"}} << Pairs{{"b", "1"}};
    QTest::addRow("prefix first") << Pairs{{"a", "1"}} << Pairs{{"a", "1"}, {"b", "0"}};
    QTest::addRow("empty first") << Pairs{} << Pairs{{"a", "1"}};
    QTest::addRow("string order, not intern order")
        << Pairs{{"zz_order", "a_late"}} << Pairs{{"zz_order", "b_early"}};
}

void TestLabels::ordering() {
    // Intern "b_early" before "a_late" so that id order and string order disagree.
    StringTable::intern("b_early");
    StringTable::intern("a_late");
    QFETCH(Pairs, lower);
    QFETCH(Pairs, higher);
    const Labels lo = Labels::fromPairs(lower), hi = Labels::fromPairs(higher);
    QVERIFY(lo < hi);
    QVERIFY(!(hi < lo));
}

void TestLabels::toString_data() {
    QTest::addColumn<Pairs>("pairs");
    QTest::addColumn<QString>("expected");
    QTest::addRow("name and labels") << Pairs{{"b", "2"}, {"__name__", "up"}, {"a", "1"}}
                                     << QStringLiteral("up{a=\"1\", b=\"2\"}");
    QTest::addRow("name only") << Pairs{{"__name__", "up"}} << QStringLiteral("up");
    QTest::addRow("no name") << Pairs{{"job", "x"}} << QStringLiteral("{job=\"x\"}");
    QTest::addRow("empty") << Pairs{} << QStringLiteral("{}");
    QTest::addRow("escapes") << Pairs{{"__name__", "m"}, {"v", "a\\b\"c\nd"}}
                             << QStringLiteral("m{v=\"a\\\\b\\\"c\\nd\"}");
    QTest::addRow("utf-8") << Pairs{{"city", "K\xc3\xb6ln"}}
                           << QString::fromUtf8("{city=\"K\xc3\xb6ln\"}");
}

void TestLabels::toString() {
    QFETCH(Pairs, pairs);
    QFETCH(QString, expected);
    QCOMPARE(Labels::fromPairs(pairs).toString(), expected);
}

void TestLabels::lookups() {
    const Labels l = Labels::of({{"__name__", "http_requests_total"}, {"job", "api"}});
    QCOMPARE(l.metricName(), QByteArray("http_requests_total"));
    QCOMPARE(l.value("job"), QByteArray("api"));
    QVERIFY(l.has("job"));
    QVERIFY(!l.has("instance"));
    QCOMPARE(l.value("instance"), QByteArray());
    QCOMPARE(l.valueIdOf(StringTable::intern("job")), StringTable::intern("api"));
    QCOMPARE(l.valueIdOf(StringTable::intern("instance")), 0u);
    QCOMPARE(StringTable::str(l.valueId(1)), QByteArray("api"));
    QCOMPARE(StringTable::lookup("never-interned-string-xyz"), qint64(-1));
    QCOMPARE(StringTable::lookup(""), qint64(0));
}

void TestLabels::builder() {
    Labels::Builder b;
    b.set("job", "api").set("instance", "a:1").set("__name__", "up");
    QCOMPARE(b.get("job"), QByteArray("api"));
    b.set("job", "web");   // replaces
    b.set("instance", ""); // empty removes
    b.remove("absent");    // no-op
    QCOMPARE(b.get("instance"), QByteArray());
    const Labels l = b.build();
    QCOMPARE(l, Labels::of({{"__name__", "up"}, {"job", "web"}}));
    // build() leaves the builder usable.
    b.set("zone", "eu");
    QCOMPARE(b.build(), Labels::of({{"__name__", "up"}, {"job", "web"}, {"zone", "eu"}}));
    QCOMPARE(l.size(), 2);
}

void TestLabels::builderFromBase() {
    const Labels base = Labels::of({{"__name__", "up"}, {"job", "api"}, {"instance", "a:1"}});
    Labels::Builder b(base);
    QCOMPARE(b.build(), base);
    QCOMPARE(b.build().hash(), base.hash());
    b.remove("instance").set("exported_job", "batch");
    QCOMPARE(b.build(),
             Labels::of({{"__name__", "up"}, {"exported_job", "batch"}, {"job", "api"}}));
    QCOMPARE(base.size(), 3); // the base is untouched
}

void TestLabels::hashIsStableAcrossInternOrder() {
    // The hash comes from the strings, so it is the same in every run: pin one value.
    const Labels l = Labels::of({{"__name__", "up"}, {"job", "api"}});
    const Labels again = Labels::fromPairs({{"job", "api"}, {"__name__", "up"}});
    QCOMPARE(l.hash(), again.hash());
    QVERIFY(l.hash() != 0);
    QVERIFY(l.hash() != Labels().hash());
}

void TestLabels::usableInStdContainers() {
    std::unordered_set<Labels> set;
    for (int i = 0; i < 1000; ++i)
        set.insert(Labels::of({{"i", QByteArray::number(i % 100).constData()}}));
    QCOMPARE(set.size(), size_t(100));
    std::vector<Labels> v{Labels::of({{"a", "2"}}), Labels::of({{"a", "1"}}), Labels()};
    std::sort(v.begin(), v.end());
    QCOMPARE(v[0], Labels());
    QCOMPARE(v[1], Labels::of({{"a", "1"}}));
}

void TestLabels::internIsThreadSafe() {
    // Two threads interning overlapping strings must agree on every id.
    std::vector<quint32> ids[2];
    auto work = [&](int t) {
        for (int i = 0; i < 20000; ++i)
            ids[t].push_back(StringTable::intern(QByteArray("mt-") + QByteArray::number(i)));
    };
    std::thread a(work, 0), b(work, 1);
    a.join();
    b.join();
    QCOMPARE(ids[0], ids[1]);
    QCOMPARE(StringTable::str(ids[0][12345]), QByteArray("mt-12345"));
}

QTEST_GUILESS_MAIN(TestLabels)
#include "tst_labels.moc"
