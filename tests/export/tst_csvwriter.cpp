#include "export/csvwriter.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QtTest>

#include <cmath>

using namespace ppl;

namespace {

// RFC 4180 read back: rows of fields; quotes, doubled quotes, commas and line ends inside.
QList<QList<QByteArray>> parseCsv(const QByteArray &text) {
    QList<QList<QByteArray>> rows;
    QList<QByteArray> row;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row << field;
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row << field;
            field.clear();
            rows << row;
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty())
        rows << (row << field);
    return rows;
}

double valueOf(const QByteArray &text) {
    if (text == "stale")
        return staleMarker();
    if (text == "NaN")
        return std::nan("");
    if (text == "+Inf")
        return std::numeric_limits<double>::infinity();
    if (text == "-Inf")
        return -std::numeric_limits<double>::infinity();
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok ? v : -12345.678;
}

qint64 msOf(const QByteArray &text) {
    const qsizetype dot = text.indexOf('.');
    return text.left(dot).toLongLong() * 1000 + text.mid(dot + 1).toLongLong();
}

bool sameValue(double a, double b) {
    if (isStaleMarker(a) || isStaleMarker(b))
        return isStaleMarker(a) && isStaleMarker(b);
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return a == b;
}

} // namespace

class TestCsvWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void headerHasTimestampLabelsAndValue() {
        const QByteArray csv = writeCsv(
            {{Labels::of({{"__name__", "up"}, {"job", "app"}, {"instance", "a:1"}}), {{1000, 1}}},
             {Labels::of({{"__name__", "up"}, {"job", "gw"}, {"zone", "b"}}), {{2000, 0}}}});
        const auto rows = parseCsv(csv);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0],
                 (QList<QByteArray>{"timestamp", "__name__", "instance", "job", "zone", "value"}));
        QCOMPARE(rows[1], (QList<QByteArray>{"1.000", "up", "a:1", "app", "", "1"}));
        QCOMPARE(rows[2], (QList<QByteArray>{"2.000", "up", "", "gw", "b", "0"}));
        QVERIFY(csv.endsWith("\r\n"));
    }

    void valuesAsPrometheusWritesThem_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("integer") << 42.0 << QByteArray("42");
        QTest::newRow("fraction") << 0.1 << QByteArray("0.1");
        QTest::newRow("negative") << -2.5 << QByteArray("-2.5");
        QTest::newRow("large") << 1.7e300 << QByteArray("1.7e+300");
        QTest::newRow("stale") << staleMarker() << QByteArray("stale");
        QTest::newRow("nan") << std::nan("") << QByteArray("NaN");
        QTest::newRow("+inf") << std::numeric_limits<double>::infinity() << QByteArray("+Inf");
        QTest::newRow("-inf") << -std::numeric_limits<double>::infinity() << QByteArray("-Inf");
    }
    void valuesAsPrometheusWritesThem() {
        QFETCH(double, value);
        QFETCH(QByteArray, text);
        QCOMPARE(csvValueText(value), text);
    }

    void fieldsWithCommasAndQuotesAreQuoted() {
        const Labels l = Labels::of({{"__name__", "x"}, {"path", "/a,b"}, {"q", "say \"hi\"\n"}});
        const auto rows = parseCsv(writeCsv({{l, {{-1500, 3}}}}));
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[1][0], QByteArray("-1.500"));
        QCOMPARE(rows[1][2], QByteArray("/a,b"));
        QCOMPARE(rows[1][3], QByteArray("say \"hi\"\n"));
        QCOMPARE(csvField("plain"), QByteArray("plain"));
        QCOMPARE(csvField("a\"b"), QByteArray("\"a\"\"b\""));
    }

    // The CSV of the store's samples reads back as exactly those samples: every timestamp,
    // every label, every value bit for bit (stale markers included).
    void valuesEqualTheStoresSamples() {
        ManualClock clock(1'700'000'000'000);
        SeriesStore store(&clock);
        const Labels a = Labels::of({{"__name__", "requests_total"}, {"job", "api"}});
        const Labels b = Labels::of({{"__name__", "requests_total"}, {"job", "web"}, {"x", "1"}});
        const qint64 t0 = clock.nowMs() - 60'000;
        for (int i = 0; i < 50; ++i) {
            store.append(a, t0 + i * 1000 + 7, i * 0.37);
            store.append(b, t0 + i * 1000 + 500, i % 7 == 6 ? staleMarker() : 1e6 / (i + 1));
        }
        std::vector<ExportSeries> series;
        for (SeriesStore::SeriesId id : store.select(
                 {*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", "requests_total")}))
            series.push_back({store.labels(id), store.samples(id, t0, clock.nowMs())});
        QCOMPARE(series.size(), size_t(2));
        const auto rows = parseCsv(writeCsv(series));
        const QList<QByteArray> header = rows[0];
        QCOMPARE(rows.size(), 1 + 100);
        qsizetype r = 1;
        for (const ExportSeries &s : series) {
            for (const StoredSample &sample : s.samples) {
                const QList<QByteArray> &row = rows[r++];
                QCOMPARE(row.size(), header.size());
                QCOMPARE(msOf(row.front()), sample.timestampMs);
                for (qsizetype c = 1; c + 1 < header.size(); ++c)
                    QCOMPARE(row[c], s.labels.value(header[c]));
                QVERIFY2(sameValue(valueOf(row.back()), sample.value), row.back().constData());
            }
        }
    }

    void queryResults() {
        query::QueryResult scalar;
        scalar.type = query::ValueType::Scalar;
        scalar.t = 5000;
        scalar.scalar = 2;
        auto rows = parseCsv(writeCsv(seriesOfResult(scalar)));
        QCOMPARE(rows, (QList<QList<QByteArray>>{{"timestamp", "value"}, {"5.000", "2"}}));

        query::QueryResult vector;
        vector.type = query::ValueType::Vector;
        vector.series.push_back({Labels::of({{"job", "a"}}), {{7000, 1.5}}});
        vector.series.push_back({Labels::of({{"job", "b"}}), {{7000, 2.5}}});
        rows = parseCsv(writeCsv(seriesOfResult(vector)));
        QCOMPARE(rows,
                 (QList<QList<QByteArray>>{
                     {"timestamp", "job", "value"}, {"7.000", "a", "1.5"}, {"7.000", "b", "2.5"}}));
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
