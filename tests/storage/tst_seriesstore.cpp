#include "storage/seriesstore.h"
#include "storage/stringtable.h"
#include "util/clock.h"

#include <QtTest>

#include <atomic>
#include <bit>
#include <cmath>
#include <thread>

using namespace ppl;
using Ids = QList<SeriesStore::SeriesId>;
Q_DECLARE_METATYPE(ppl::SeriesStore::AppendResult)

namespace {

constexpr qint64 Minute = 60'000;

// "job=~a|b" -> a matcher; the operator is the first of != =~ !~ = in the string.
LabelMatcher parseMatcher(const QString &spec) {
    static const QRegularExpression re(QStringLiteral("^(\\w+)(!=|=~|!~|=)(.*)$"));
    const auto m = re.match(spec);
    Q_ASSERT(m.hasMatch());
    const QString op = m.captured(2);
    const LabelMatcher::Op o = op == "="    ? LabelMatcher::Op::Equal
                               : op == "!=" ? LabelMatcher::Op::NotEqual
                               : op == "=~" ? LabelMatcher::Op::RegexMatch
                                            : LabelMatcher::Op::RegexNoMatch;
    return *LabelMatcher::create(o, m.captured(1).toUtf8(), m.captured(3).toUtf8());
}

} // namespace

class TestSeriesStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void staleMarkerBits();
    void valuesKeepTheirBits_data();
    void valuesKeepTheirBits();
    void rejectsOutOfOrder_data();
    void rejectsOutOfOrder();
    void seriesIdentity();
    void bufferBound();
    void loweringBoundTrims();
    void boundAcrossChunks_data();
    void boundAcrossChunks();
    void retentionHidesOldSamples();
    void retentionSweepDropsSeries();
    void timeRangeIsTheHeads();
    void droppedSeriesComesBack();
    void rangeReads_data();
    void rangeReads();
    void select_data();
    void select();
    void selectUsesIndexForUnknownValues();
    void selectByTimeRange_data();
    void selectByTimeRange();
    void sweepTimerFollowsStoreLifetime();
    void labelNamesAndValues();
    void batchedNotifications();
    void flushNotificationsIsSynchronous();
    void longGapsKeepEverySample();
    void manySeries();
    void readersOnOtherThreadsSeeWholeBatches();
};

void TestSeriesStore::staleMarkerBits() {
    QCOMPARE(std::bit_cast<quint64>(staleMarker()), StaleNaNBits);
    QVERIFY(std::isnan(staleMarker()));
    QVERIFY(isStaleMarker(staleMarker()));
    QVERIFY(!isStaleMarker(qQNaN()));
    QVERIFY(!isStaleMarker(std::nan("")));
    QVERIFY(!isStaleMarker(std::bit_cast<double>(0x7ff0000000000001ULL)));
    QVERIFY(!isStaleMarker(0.0));
    QVERIFY(!isStaleMarker(qInf()));
}

void TestSeriesStore::valuesKeepTheirBits_data() {
    QTest::addColumn<quint64>("bits");
    QTest::addColumn<bool>("stale");
    QTest::addRow("stale marker") << StaleNaNBits << true;
    QTest::addRow("ordinary NaN") << std::bit_cast<quint64>(qQNaN()) << false;
    QTest::addRow("NaN with other payload") << quint64(0x7ff8000000000001ULL) << false;
    QTest::addRow("+Inf") << std::bit_cast<quint64>(qInf()) << false;
    QTest::addRow("-0") << std::bit_cast<quint64>(-0.0) << false;
    QTest::addRow("1.5") << std::bit_cast<quint64>(1.5) << false;
}

void TestSeriesStore::valuesKeepTheirBits() {
    QFETCH(quint64, bits);
    QFETCH(bool, stale);
    ManualClock clock;
    SeriesStore store(&clock);
    const auto id = store.seriesFor(Labels::of({{"__name__", "m"}}));
    QVERIFY(store.append(id, clock.nowMs() - 1000, 1.0));
    QVERIFY(store.append(id, clock.nowMs(), std::bit_cast<double>(bits)));
    const auto s = store.samples(id, 0, clock.nowMs());
    QCOMPARE(s.size(), size_t(2));
    QCOMPARE(std::bit_cast<quint64>(s[1].value), bits);
    QCOMPARE(isStaleMarker(s[1].value), stale);
    QCOMPARE(std::bit_cast<quint64>(store.lastSample(id)->value), bits);
}

void TestSeriesStore::rejectsOutOfOrder_data() {
    QTest::addColumn<qint64>("secondOffset");
    QTest::addColumn<double>("secondValue");
    QTest::addColumn<SeriesStore::AppendResult>("result");
    using R = SeriesStore::AppendResult;
    QTest::addRow("later") << qint64(1) << 2.0 << R::Appended;
    QTest::addRow("duplicate timestamp") << qint64(0) << 2.0 << R::DuplicateTimestamp;
    QTest::addRow("exact repeat") << qint64(0) << 1.0 << R::Unchanged;
    QTest::addRow("repeat as stale marker") << qint64(0) << staleMarker() << R::DuplicateTimestamp;
    QTest::addRow("older") << qint64(-1) << 2.0 << R::OutOfOrder;
    QTest::addRow("much older, same value") << qint64(-10 * Minute) << 1.0 << R::OutOfOrder;
}

void TestSeriesStore::rejectsOutOfOrder() {
    QFETCH(qint64, secondOffset);
    QFETCH(double, secondValue);
    QFETCH(SeriesStore::AppendResult, result);
    const bool accepted = result == SeriesStore::AppendResult::Appended;
    ManualClock clock;
    SeriesStore store(&clock);
    const auto id = store.seriesFor(Labels::of({{"__name__", "m"}}));
    const qint64 t = clock.nowMs() - Minute;
    QVERIFY(store.append(id, t, 1));
    QCOMPARE(store.tryAppend(id, t + secondOffset, secondValue), result);
    QCOMPARE(store.sampleCount(id), accepted ? 2 : 1);
    QCOMPARE(store.sampleCount(), accepted ? 2 : 1);
    QCOMPARE(store.lastSample(id)->value, accepted ? 2.0 : 1.0);
    QVERIFY(!store.append(id, t + secondOffset, secondValue)); // never twice
    QCOMPARE(store.tryAppend(SeriesStore::SeriesId(999), t + 5, 1),
             SeriesStore::AppendResult::UnknownSeries);
}

void TestSeriesStore::seriesIdentity() {
    ManualClock clock;
    SeriesStore store(&clock);
    const Labels a = Labels::of({{"__name__", "up"}, {"job", "a"}});
    const Labels b = Labels::of({{"__name__", "up"}, {"job", "b"}});
    const auto ia = store.seriesFor(a);
    const auto ib = store.seriesFor(b);
    QVERIFY(ia != ib);
    QCOMPARE(store.seriesFor(Labels::fromPairs({{"job", "a"}, {"__name__", "up"}})), ia);
    QCOMPARE(store.find(a), std::optional(ia));
    QCOMPARE(store.find(Labels::of({{"job", "c"}})), std::nullopt);
    QCOMPARE(store.labels(ib), b);
    QCOMPARE(store.seriesCount(), 2);
    QCOMPARE(store.append(b, clock.nowMs(), 3), ib);
    QVERIFY(store.labels(12345).isEmpty());
}

void TestSeriesStore::bufferBound() {
    ManualClock clock;
    SeriesStore store(&clock);
    store.setMaxSamplesPerSeries(5);
    QCOMPARE(store.maxSamplesPerSeries(), 5);
    const auto id = store.seriesFor(Labels::of({{"__name__", "m"}}));
    const qint64 t0 = clock.nowMs() - 100'000;
    for (int i = 0; i < 23; ++i)
        QVERIFY(store.append(id, t0 + i * 1000, i));
    const auto s = store.samples(id, t0, clock.nowMs());
    QCOMPARE(s.size(), size_t(5));
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(s[size_t(i)].timestampMs, t0 + (18 + i) * 1000);
        QCOMPARE(s[size_t(i)].value, double(18 + i));
    }
    QCOMPARE(store.sampleCount(), 5);
}

void TestSeriesStore::boundAcrossChunks_data() {
    QTest::addColumn<int>("bound");
    QTest::addColumn<int>("appends");
    QTest::addRow("bound 1") << 1 << 3;
    QTest::addRow("first chunk exactly full") << 8 << 8;
    QTest::addRow("one past the first chunk") << 8 << 9;
    QTest::addRow("bound inside second chunk") << 20 << 77;
    QTest::addRow("several chunks, bound 40") << 40 << 300;
    QTest::addRow("exactly at bound") << 100 << 100;
    QTest::addRow("under the default bound") << 4096 << 1000;
}

void TestSeriesStore::boundAcrossChunks() {
    QFETCH(int, bound);
    QFETCH(int, appends);
    ManualClock clock;
    SeriesStore store(&clock);
    store.setMaxSamplesPerSeries(bound);
    const auto id = store.seriesFor(Labels::of({{"__name__", "m"}}));
    const qint64 t0 = clock.nowMs() - 1'000'000;
    for (int i = 0; i < appends; ++i)
        QVERIFY(store.append(id, t0 + i * 100, i));
    const int kept = std::min(bound, appends);
    QCOMPARE(store.sampleCount(id), kept);
    QCOMPARE(store.sampleCount(), kept);
    const auto s = store.samples(id, t0, clock.nowMs());
    QCOMPARE(int(s.size()), kept);
    for (int i = 0; i < kept; ++i) {
        const int expected = appends - kept + i;
        QCOMPARE(s[size_t(i)].timestampMs, t0 + expected * 100);
        QCOMPARE(s[size_t(i)].value, double(expected));
    }
    // A range starting inside the kept window begins at the right sample.
    const qint64 mid = t0 + (appends - kept / 2) * 100;
    const auto tail = store.samples(id, mid, clock.nowMs());
    QCOMPARE(int(tail.size()), kept / 2);
}

void TestSeriesStore::loweringBoundTrims() {
    ManualClock clock;
    SeriesStore store(&clock);
    const auto id = store.seriesFor(Labels::of({{"__name__", "m"}}));
    const qint64 t0 = clock.nowMs() - 100'000;
    for (int i = 0; i < 50; ++i)
        store.append(id, t0 + i, i);
    store.setMaxSamplesPerSeries(3);
    const auto s = store.samples(id, t0, clock.nowMs());
    QCOMPARE(s.size(), size_t(3));
    QCOMPARE(s.front().value, 47.0);
    QCOMPARE(store.sampleCount(), 3);
    QVERIFY(store.append(id, t0 + 100, 100));
    QCOMPARE(store.samples(id, t0, clock.nowMs()).front().value, 48.0);
}

void TestSeriesStore::retentionHidesOldSamples() {
    ManualClock clock;
    SeriesStore store(&clock);
    QCOMPARE(store.retentionMs(), 3600 * 1000);
    store.setRetentionMs(10 * Minute);
    const auto id = store.seriesFor(Labels::of({{"__name__", "m"}}));
    const qint64 now = clock.nowMs();
    for (int i = 20; i >= 0; --i)
        store.append(id, now - i * Minute, i);
    // Reads use the clock at once: 11 samples (-10 min inclusive .. now).
    QCOMPARE(store.samples(id, 0, now).size(), size_t(11));
    QCOMPARE(store.samples(id, 0, now).front().timestampMs, now - 10 * Minute);
    clock.advance(5 * Minute);
    QCOMPARE(store.samples(id, 0, clock.nowMs()).size(), size_t(6));
    QCOMPARE(store.lastSample(id)->timestampMs, now);
    clock.advance(5 * Minute + 1);
    QCOMPARE(store.lastSample(id), std::nullopt);
    QVERIFY(store.samples(id, 0, clock.nowMs()).empty());
}

// Prometheus's head MinTime/MaxTime: the oldest visible and the newest sample of any series.
void TestSeriesStore::timeRangeIsTheHeads() {
    ManualClock clock;
    SeriesStore store(&clock);
    QCOMPARE(store.timeRange(), std::nullopt);
    store.setRetentionMs(10 * Minute);
    const qint64 now = clock.nowMs();
    const auto a = store.seriesFor(Labels::of({{"__name__", "a"}}));
    const auto b = store.seriesFor(Labels::of({{"__name__", "b"}}));
    for (int i = 40; i >= 0; --i) // more than a chunk; the oldest ones past the retention
        store.append(a, now - 20 * Minute + (40 - i) * 15'000, i);
    store.append(b, now - 3 * Minute, 1);
    store.append(b, now + 2 * Minute, 2);
    const auto range = store.timeRange();
    QVERIFY(range);
    QCOMPARE(range->first, now - 10 * Minute); // retention hides the older ones
    QCOMPARE(range->second, now + 2 * Minute);
    clock.advance(12 * Minute); // a's end at now - 10 min and b's first: hidden now
    QCOMPARE(store.timeRange(), std::optional(std::pair{now + 2 * Minute, now + 2 * Minute}));
}

void TestSeriesStore::retentionSweepDropsSeries() {
    ManualClock clock;
    SeriesStore store(&clock);
    store.setRetentionMs(10 * Minute);
    QSignalSpy removed(&store, &SeriesStore::seriesRemoved);
    const auto old = store.seriesFor(Labels::of({{"__name__", "old"}, {"job", "gone"}}));
    const auto fresh = store.seriesFor(Labels::of({{"__name__", "fresh"}, {"job", "x"}}));
    const qint64 t0 = clock.nowMs();
    store.append(old, t0, 1);
    for (int i = 0; i < 20; ++i) {
        store.append(fresh, clock.nowMs(), i);
        clock.advance(Minute);
    }
    // The sweep runs on the clock (no explicit applyRetention) and gives the memory back.
    QCOMPARE(store.sampleCount(fresh), 10); // t0+10 min .. t0+19 min
    QCOMPARE(store.sampleCount(old), 0);
    QVERIFY(!store.isLive(old));
    QVERIFY(store.isLive(fresh));
    QCOMPARE(store.seriesCount(), 1);
    QCOMPARE(store.find(store.labels(old)), std::nullopt);
    QVERIFY(store.select({parseMatcher("job=gone")}).empty());
    QCOMPARE(store.labelValues("job"), std::vector<QByteArray>{"x"});
    store.flushNotifications();
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).value<Ids>(), Ids{old});
}

void TestSeriesStore::droppedSeriesComesBack() {
    ManualClock clock;
    SeriesStore store(&clock);
    store.setRetentionMs(Minute);
    const Labels l = Labels::of({{"__name__", "m"}, {"job", "j"}});
    const auto id = store.seriesFor(l);
    store.append(id, clock.nowMs(), 1);
    clock.advance(2 * Minute);
    store.applyRetention();
    QVERIFY(!store.isLive(id));
    store.flushNotifications();
    QSignalSpy added(&store, &SeriesStore::seriesAdded);
    // A cached id stays valid; an older timestamp is accepted once the series is empty.
    QVERIFY(store.append(id, clock.nowMs() - 1000, 2));
    QVERIFY(store.isLive(id));
    QCOMPARE(store.find(l), std::optional(id));
    QCOMPARE(store.seriesFor(l), id);
    QCOMPARE(store.select({parseMatcher("job=j")}), std::vector<SeriesStore::SeriesId>{id});
    store.flushNotifications();
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).value<Ids>(), Ids{id});
}

void TestSeriesStore::rangeReads_data() {
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QList<qint64>>("expected"); // offsets in seconds
    QTest::addRow("all") << qint64(0) << qint64(100) << QList<qint64>{10, 20, 30, 40};
    QTest::addRow("inclusive bounds") << qint64(20) << qint64(30) << QList<qint64>{20, 30};
    QTest::addRow("between samples") << qint64(21) << qint64(29) << QList<qint64>{};
    QTest::addRow("before first") << qint64(0) << qint64(9) << QList<qint64>{};
    QTest::addRow("after last") << qint64(41) << qint64(100) << QList<qint64>{};
    QTest::addRow("reversed") << qint64(30) << qint64(20) << QList<qint64>{};
    QTest::addRow("single") << qint64(40) << qint64(40) << QList<qint64>{40};
}

void TestSeriesStore::rangeReads() {
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QList<qint64>, expected);
    ManualClock clock;
    SeriesStore store(&clock);
    const qint64 base = clock.nowMs() - 100'000;
    const auto id = store.seriesFor(Labels::of({{"__name__", "m"}}));
    // A small bound makes the ring wrap, so reads cross the buffer's end.
    store.setMaxSamplesPerSeries(4);
    for (qint64 s : {-20, -10, 0, 10, 20, 30, 40})
        store.append(id, base + s * 1000, double(s));
    QList<qint64> got;
    for (const StoredSample &s : store.samples(id, base + from * 1000, base + to * 1000)) {
        QCOMPARE(s.value, double((s.timestampMs - base) / 1000));
        got.append((s.timestampMs - base) / 1000);
    }
    QCOMPARE(got, expected);
}

void TestSeriesStore::select_data() {
    QTest::addColumn<QStringList>("matchers");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("name") << QStringList{"__name__=up"} << QStringList{"u1", "u2", "u3", "u4"};
    QTest::addRow("name and job") << QStringList{"__name__=up", "job=api"}
                                  << QStringList{"u1", "u2"};
    QTest::addRow("three equalities")
        << QStringList{"__name__=req", "job=api", "code=500"} << QStringList{"r2"};
    QTest::addRow("unknown value") << QStringList{"job=nope"} << QStringList{};
    QTest::addRow("unknown name") << QStringList{"nolabel=x"} << QStringList{};
    QTest::addRow("not equal") << QStringList{"__name__=up", "job!=api"} << QStringList{"u3", "u4"};
    QTest::addRow("not equal absent label")
        << QStringList{"__name__=up", "instance!=w:1"} << QStringList{"u1", "u2", "u4"};
    QTest::addRow("equal empty = absent")
        << QStringList{"__name__=up", "instance="} << QStringList{"u4"};
    QTest::addRow("not equal empty = present")
        << QStringList{"instance!="} << QStringList{"u1", "u2", "u3", "r1", "r2"};
    QTest::addRow("regex") << QStringList{"instance=~a:.*"} << QStringList{"u1", "u2", "r1", "r2"};
    QTest::addRow("regex anchored") << QStringList{"instance=~:1"} << QStringList{};
    QTest::addRow("regex alternation")
        << QStringList{"__name__=~up|req", "instance=~a:2|w:1"} << QStringList{"u2", "u3"};
    QTest::addRow("regex matching empty")
        << QStringList{"__name__=up", "instance=~w:.*|"} << QStringList{"u3", "u4"};
    QTest::addRow("negative regex")
        << QStringList{"__name__=up", "instance!~a:.*"} << QStringList{"u3", "u4"};
    QTest::addRow("negative regex, present only")
        << QStringList{"instance!~a:.*", "instance=~.+"} << QStringList{"u3"};
    QTest::addRow("only negative") << QStringList{"job!=api"} << QStringList{"u3", "u4"};
    QTest::addRow("contradiction") << QStringList{"job=api", "job=web"} << QStringList{};
    QTest::addRow("no matchers") << QStringList{}
                                 << QStringList{"u1", "u2", "u3", "u4", "r1", "r2"};
    QTest::addRow("name regex and code")
        << QStringList{"__name__=~r.*", "code!~5.."} << QStringList{"r1"};
}

void TestSeriesStore::select() {
    QFETCH(QStringList, matchers);
    QFETCH(QStringList, expected);
    ManualClock clock;
    SeriesStore store(&clock);
    QHash<SeriesStore::SeriesId, QString> names;
    auto add = [&](const char *tag, Labels l) {
        names.insert(store.append(l, clock.nowMs(), 1), QString::fromLatin1(tag));
    };
    add("u1", Labels::of({{"__name__", "up"}, {"job", "api"}, {"instance", "a:1"}}));
    add("u2", Labels::of({{"__name__", "up"}, {"job", "api"}, {"instance", "a:2"}}));
    add("u3", Labels::of({{"__name__", "up"}, {"job", "web"}, {"instance", "w:1"}}));
    add("u4", Labels::of({{"__name__", "up"}, {"job", "web"}}));
    add("r1",
        Labels::of({{"__name__", "req"}, {"job", "api"}, {"instance", "a:1"}, {"code", "200"}}));
    add("r2",
        Labels::of({{"__name__", "req"}, {"job", "api"}, {"instance", "a:1"}, {"code", "500"}}));
    std::vector<LabelMatcher> ms;
    for (const QString &m : matchers)
        ms.push_back(parseMatcher(m));
    const auto ids = store.select(ms);
    QVERIFY(std::is_sorted(ids.begin(), ids.end()));
    QStringList got;
    for (auto id : ids) {
        got.append(names.value(id));
        for (const LabelMatcher &m : ms)
            QVERIFY2(m.matches(store.labels(id)), qPrintable(m.toString())); // cross-check
    }
    QCOMPARE(got, expected);
}

void TestSeriesStore::selectUsesIndexForUnknownValues() {
    // A matcher naming a value no series has must not intern it (the index is read-only).
    ManualClock clock;
    SeriesStore store(&clock);
    store.append(Labels::of({{"job", "a"}}), clock.nowMs(), 1);
    const QByteArray fresh = "value-nobody-has-" + QByteArray::number(quintptr(this));
    QVERIFY(store.select({*LabelMatcher::create(LabelMatcher::Op::Equal, "job", fresh)}).empty());
    QCOMPARE(StringTable::lookup(fresh), qint64(-1));
}

void TestSeriesStore::selectByTimeRange_data() {
    QTest::addColumn<qint64>("from"); // minutes relative to now
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("everything") << qint64(-60) << qint64(0) << QStringList{"early", "late"};
    QTest::addRow("early only") << qint64(-50) << qint64(-40) << QStringList{"early"};
    QTest::addRow("gap") << qint64(-39) << qint64(-21) << QStringList{};
    QTest::addRow("late, inclusive") << qint64(-20) << qint64(-20) << QStringList{"late"};
    QTest::addRow("future") << qint64(1) << qint64(5) << QStringList{};
    QTest::addRow("reversed") << qint64(0) << qint64(-60) << QStringList{};
}

void TestSeriesStore::selectByTimeRange() {
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QStringList, expected);
    ManualClock clock;
    SeriesStore store(&clock);
    const qint64 now = clock.nowMs();
    const auto early = store.seriesFor(Labels::of({{"__name__", "m"}, {"s", "early"}}));
    const auto late = store.seriesFor(Labels::of({{"__name__", "m"}, {"s", "late"}}));
    store.append(early, now - 50 * Minute, 1);
    store.append(early, now - 40 * Minute, 1);
    store.append(late, now - 20 * Minute, 1);
    store.append(late, now - 10 * Minute, 1);
    QStringList got;
    for (auto id :
         store.select({parseMatcher("__name__=m")}, now + from * Minute, now + to * Minute))
        got.append(QString::fromUtf8(store.labels(id).value("s")));
    QCOMPARE(got, expected);
}

void TestSeriesStore::sweepTimerFollowsStoreLifetime() {
    ManualClock clock;
    {
        SeriesStore store(&clock);
        QCOMPARE(clock.pendingCount(), 1);
        store.setRetentionMs(Minute); // reschedules, does not add a second sweep
        QCOMPARE(clock.pendingCount(), 1);
        clock.advance(10 * Minute);
        QCOMPARE(clock.pendingCount(), 1);
    }
    QCOMPARE(clock.pendingCount(), 0);
}

void TestSeriesStore::labelNamesAndValues() {
    ManualClock clock;
    SeriesStore store(&clock);
    store.append(Labels::of({{"__name__", "up"}, {"job", "web"}, {"zone", "eu"}}), clock.nowMs(),
                 1);
    store.append(Labels::of({{"__name__", "up"}, {"job", "api"}}), clock.nowMs(), 1);
    store.append(Labels::of({{"__name__", "cpu"}, {"job", "api"}}), clock.nowMs(), 1);
    QCOMPARE(store.labelNames(), (std::vector<QByteArray>{"__name__", "job", "zone"}));
    QCOMPARE(store.labelValues("job"), (std::vector<QByteArray>{"api", "web"}));
    QCOMPARE(store.labelValues("__name__"), (std::vector<QByteArray>{"cpu", "up"}));
    QVERIFY(store.labelValues("nothing").empty());
    clock.advance(2 * 3600 * 1000); // everything expires; the sweep empties the index
    QVERIFY(store.labelNames().empty());
    QVERIFY(store.labelValues("job").empty());
    QCOMPARE(store.seriesCount(), 0);
    QCOMPARE(store.sampleCount(), 0);
}

void TestSeriesStore::batchedNotifications() {
    ManualClock clock;
    SeriesStore store(&clock);
    QSignalSpy changed(&store, &SeriesStore::seriesChanged);
    QSignalSpy added(&store, &SeriesStore::seriesAdded);
    std::vector<SeriesStore::SeriesId> ids;
    for (int s = 0; s < 10; ++s)
        ids.push_back(store.seriesFor(Labels::of({{"s", QByteArray::number(s).constData()}})));
    const qint64 t0 = clock.nowMs() - 10'000;
    for (int i = 0; i < 1000; ++i) {
        for (auto id : ids)
            QVERIFY(store.append(id, t0 + i, i));
    }
    QCOMPARE(changed.count(), 0); // nothing synchronous
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 5000);
    QCOMPARE(added.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<Ids>().size(), 10);
    QCOMPARE(added.at(0).at(0).value<Ids>().size(), 10);
    // The next turn reports only what changed since.
    store.append(ids[3], t0 + 5000, 1);
    store.append(ids[3], t0 + 5001, 1);
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 5000);
    QCOMPARE(changed.at(1).at(0).value<Ids>(), Ids{ids[3]});
    QCOMPARE(added.count(), 1);
    // Rejected samples change nothing.
    store.append(ids[3], t0, 1);
    QCoreApplication::processEvents();
    QCOMPARE(changed.count(), 2);
}

void TestSeriesStore::flushNotificationsIsSynchronous() {
    ManualClock clock;
    SeriesStore store(&clock);
    QSignalSpy changed(&store, &SeriesStore::seriesChanged);
    const auto id = store.append(Labels::of({{"a", "b"}}), clock.nowMs(), 1);
    store.flushNotifications();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<Ids>(), Ids{id});
    store.flushNotifications();        // nothing pending: no signal
    QCoreApplication::processEvents(); // the queued flush finds nothing either
    QCOMPARE(changed.count(), 1);
}

void TestSeriesStore::longGapsKeepEverySample() {
    // Offsets are 32-bit milliseconds (49.7 days); a longer gap starts a new chunk.
    constexpr qint64 Day = 24 * 3600 * 1000LL;
    ManualClock clock;
    SeriesStore store(&clock);
    store.setRetentionMs(365 * Day);
    const auto id = store.seriesFor(Labels::of({{"__name__", "m"}}));
    const qint64 t0 = clock.nowMs();
    QVERIFY(store.append(id, t0, 1));
    QVERIFY(store.append(id, t0 + 30 * Day, 2));
    QVERIFY(store.append(id, t0 + 60 * Day, 3));
    clock.advanceTo(t0 + 60 * Day);
    const auto s = store.samples(id, 0, t0 + 60 * Day);
    QCOMPARE(s.size(), size_t(3));
    QCOMPARE(s[0].timestampMs, t0);
    QCOMPARE(s[1].timestampMs, t0 + 30 * Day);
    QCOMPARE(s[2].timestampMs, t0 + 60 * Day);
    QCOMPARE(s[2].value, 3.0);
    QCOMPARE(store.samples(id, t0 + 1, t0 + 59 * Day).size(), size_t(1));
}

void TestSeriesStore::manySeries() {
    // Growth of the id table and of the rings keeps every series intact.
    ManualClock clock;
    SeriesStore store(&clock);
    const qint64 t0 = clock.nowMs() - 100'000;
    std::vector<SeriesStore::SeriesId> ids;
    for (int i = 0; i < 5000; ++i) {
        ids.push_back(
            store.seriesFor(Labels::of({{"__name__", "m"},
                                        {"i", QByteArray::number(i).constData()},
                                        {"mod", QByteArray::number(i % 7).constData()}})));
    }
    for (int k = 0; k < 20; ++k) {
        for (int i = 0; i < 5000; ++i)
            store.append(ids[size_t(i)], t0 + k * 100, i * 100 + k);
    }
    QCOMPARE(store.seriesCount(), 5000);
    QCOMPARE(store.sampleCount(), 100'000);
    for (int i = 0; i < 5000; i += 499) {
        const Labels l = Labels::of({{"__name__", "m"},
                                     {"i", QByteArray::number(i).constData()},
                                     {"mod", QByteArray::number(i % 7).constData()}});
        QCOMPARE(store.find(l), std::optional(ids[size_t(i)]));
        const auto s = store.samples(ids[size_t(i)], t0, clock.nowMs());
        QCOMPARE(s.size(), size_t(20));
        QCOMPARE(s.back().value, double(i * 100 + 19));
    }
    QCOMPARE(store.select({parseMatcher("mod=3")}).size(), size_t(714));
}

// A reader on another thread under a ReadLock while the store's thread appends batches under a
// WriteLock (and new series, which grow the index): every read sees whole batches, the two
// series of a batch always at the same newest time and value.
void TestSeriesStore::readersOnOtherThreadsSeeWholeBatches() {
    ManualClock clock(1'000'000);
    SeriesStore store(&clock);
    store.setMaxSamplesPerSeries(64);
    const Labels a = Labels::of({{"__name__", "pair"}, {"side", "a"}});
    const Labels b = Labels::of({{"__name__", "pair"}, {"side", "b"}});
    const SeriesStore::SeriesId ida = store.seriesFor(a), idb = store.seriesFor(b);
    std::atomic_bool done{false};
    std::atomic<int> reads{0}, torn{0};
    std::thread reader([&] {
        const std::vector<LabelMatcher> pair{parseMatcher("__name__=pair")};
        while (!done.load()) {
            const SeriesStore::ReadLock lock(store);
            const std::vector<SeriesStore::SeriesId> ids = store.select(pair);
            const auto la = store.lastSample(ida), lb = store.lastSample(idb);
            if (ids.size() != 2 || bool(la) != bool(lb) ||
                (la && (la->timestampMs != lb->timestampMs || la->value != lb->value)))
                ++torn;
            if (la) {
                const auto sa = store.samples(ida, 0, la->timestampMs);
                const auto sb = store.samples(idb, 0, lb->timestampMs);
                if (sa.size() != sb.size())
                    ++torn;
            }
            ++reads;
        }
    });
    for (int i = 1; i <= 20000; ++i) {
        {
            const SeriesStore::WriteLock batch(store);
            store.append(ida, 1'000'000 + i, i);
            store.append(idb, 1'000'000 + i, i);
        }
        if (i % 10 == 0) // more series: the index and the series blocks grow meanwhile
            store.append(
                Labels::of({{"__name__", "other"}, {"i", QByteArray::number(i).constData()}}),
                1'000'000 + i, i);
    }
    QTRY_VERIFY_WITH_TIMEOUT(reads.load() > 0, 10000);
    done = true;
    reader.join();
    QCOMPARE(torn.load(), 0);
    QCOMPARE(store.seriesCount(), qsizetype(2 + 2000));
}

QTEST_GUILESS_MAIN(TestSeriesStore)
#include "tst_seriesstore.moc"
