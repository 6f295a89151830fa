#include "query/engine.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QTest>

#include <cmath>

using namespace ppl;
using namespace ppl::query;

namespace {

constexpr qint64 T0 = 1'700'000'000'000; // ms; the data's time zero
qint64 at(double seconds) {
    return T0 + qint64(std::llround(seconds * 1000));
}

QByteArray num(double v) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    return QByteArray::number(v, 'g', 10);
}

// "name{a="1"} => v; …" for vectors (engine order), "labels => v@t …" for matrices,
// the value for scalars, "error <type>: <message>" for errors.
QByteArray render(const Engine::Outcome &outcome) {
    if (const auto *e = std::get_if<QueryError>(&outcome))
        return "error " + e->typeName() + ": " + e->message.toUtf8();
    const QueryResult &r = std::get<QueryResult>(outcome);
    switch (r.type) {
    case ValueType::Scalar:
        return "scalar " + num(r.scalar);
    case ValueType::String:
        return "string " + r.string;
    case ValueType::Vector: {
        QByteArrayList parts;
        for (const Series &s : r.series)
            parts << s.metric.toString().toUtf8() + " => " + num(s.points.front().v);
        return parts.join("; ");
    }
    default: {
        QByteArrayList parts;
        for (const Series &s : r.series) {
            QByteArrayList points;
            for (const Point &p : s.points)
                points << num(p.v) + '@' + QByteArray::number((p.t - T0) / 1000.0, 'g', 10);
            parts << s.metric.toString().toUtf8() + " => " + points.join(' ');
        }
        return parts.join("; ");
    }
    }
}

} // namespace

class TestPromqlEngine : public QObject {
    Q_OBJECT
    ManualClock m_clock{T0 + 3'600'000};
    SeriesStore m_store{&m_clock};

    void add(const Labels &l, double seconds, double v) { m_store.append(l, at(seconds), v); }

private Q_SLOTS:
    void initTestCase() {
        m_store.setRetentionMs(10 * 3600 * 1000);
        for (int i = 0; i <= 40; ++i) {
            const double t = i * 15;
            add(Labels::of(
                    {{"__name__", "http_requests_total"}, {"job", "api"}, {"instance", "a"}}),
                t, 10.0 * i);
            // A counter reset at i = 20.
            add(Labels::of(
                    {{"__name__", "http_requests_total"}, {"job", "api"}, {"instance", "b"}}),
                t, 5.0 * (i < 20 ? i : i - 20));
            add(Labels::of(
                    {{"__name__", "http_requests_total"}, {"job", "web"}, {"instance", "c"}}),
                t, 100.0 + i);
            add(Labels::of({{"__name__", "gauge"}, {"instance", "a"}}), t, double(i % 4));
            add(Labels::of({{"__name__", "up"}, {"job", "api"}}), t, 1);
            add(Labels::of({{"__name__", "up"}, {"job", "web"}}), t, 0);
            for (const auto &[le, n] : {std::pair{"0.1", 10.0}, {"0.5", 20.0}, {"+Inf", 30.0}})
                add(Labels::of({{"__name__", "req_bucket"}, {"le", le}}), t, n);
        }
        const Labels stale = Labels::of({{"__name__", "stale_series"}});
        add(stale, 0, 1);
        add(stale, 15, 2);
        add(stale, 30, 3);
        add(stale, 45, staleMarker());
        add(Labels::of({{"__name__", "old_series"}}), 0, 7);
        add(Labels::of({{"__name__", "nan_series"}}), 0, std::nan(""));
        add(Labels::of({{"__name__", "inf_series"}}), 0, INFINITY);
    }

    void instant_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<double>("time");
        QTest::addColumn<QByteArray>("expected");
        // Selectors, lookback and staleness.
        QTest::newRow("selector sorted by labels")
            << QByteArray("up") << 600.0 << QByteArray(R"(up{job="api"} => 1; up{job="web"} => 0)");
        QTest::newRow("latest sample before t")
            << QByteArray("gauge") << 40.0 << QByteArray(R"(gauge{instance="a"} => 2)");
        QTest::newRow("lookback includes t-5m")
            << QByteArray("old_series") << 300.0 << QByteArray("old_series => 7");
        QTest::newRow("lookback ends after 5m")
            << QByteArray("old_series") << 300.001 << QByteArray("");
        QTest::newRow("before the stale marker")
            << QByteArray("stale_series") << 44.0 << QByteArray("stale_series => 3");
        QTest::newRow("stale marker ends the series at once")
            << QByteArray("stale_series") << 46.0 << QByteArray("");
        QTest::newRow("range skips the stale marker")
            << QByteArray("last_over_time(stale_series[1m])") << 50.0
            << QByteArray("stale_series => 3");
        QTest::newRow("NaN sample")
            << QByteArray("nan_series") << 10.0 << QByteArray("nan_series => NaN");
        QTest::newRow("Inf arithmetic")
            << QByteArray("-inf_series * 2") << 10.0 << QByteArray("{} => -Inf");
        // Offset and @.
        QTest::newRow("offset") << QByteArray(R"(http_requests_total{instance="a"} offset 1m)")
                                << 600.0
                                << QByteArray(
                                       R"(http_requests_total{instance="a", job="api"} => 360)");
        QTest::newRow("negative offset") << QByteArray(R"(gauge offset -15s)") << 15.0
                                         << QByteArray(R"(gauge{instance="a"} => 2)");
        QTest::newRow("@ fixes the time") << QByteArray("gauge @ 1700000030") << 600.0
                                          << QByteArray(R"(gauge{instance="a"} => 2)");
        QTest::newRow("@ start()")
            << QByteArray("gauge @ start()") << 45.0 << QByteArray(R"(gauge{instance="a"} => 3)");
        // Range functions.
        QTest::newRow("rate") << QByteArray(R"(rate(http_requests_total{instance="a"}[1m]))")
                              << 600.0
                              << QByteArray(R"({instance="a", job="api"} => 0.6666666667)");
        QTest::newRow("increase") << QByteArray(
                                         R"(increase(http_requests_total{instance="a"}[1m]))")
                                  << 600.0 << QByteArray(R"({instance="a", job="api"} => 40)");
        QTest::newRow("rate extrapolates to the range")
            << QByteArray(R"(increase(http_requests_total{instance="a"}[50s]))") << 600.0
            << QByteArray(R"({instance="a", job="api"} => 33.33333333)");
        QTest::newRow("increase across a reset")
            << QByteArray(R"(increase(http_requests_total{instance="b"}[1m]))") << 315.0
            << QByteArray(R"({instance="b", job="api"} => 15)");
        QTest::newRow("resets") << QByteArray(R"(resets(http_requests_total{instance="b"}[10m]))")
                                << 600.0 << QByteArray(R"({instance="b", job="api"} => 1)");
        QTest::newRow("irate") << QByteArray(R"(irate(http_requests_total{instance="a"}[1m]))")
                               << 600.0
                               << QByteArray(R"({instance="a", job="api"} => 0.6666666667)");
        QTest::newRow("idelta") << QByteArray(R"(idelta(gauge[1m]))") << 600.0
                                << QByteArray(R"({instance="a"} => -3)");
        QTest::newRow("delta") << QByteArray(R"(delta(gauge[30s]))") << 600.0
                               << QByteArray(R"({instance="a"} => -2)");
        QTest::newRow("count_over_time range is inclusive")
            << QByteArray("count_over_time(gauge[1m])") << 600.0
            << QByteArray(R"({instance="a"} => 5)");
        QTest::newRow("sum_over_time") << QByteArray("sum_over_time(gauge[1m])") << 600.0
                                       << QByteArray(R"({instance="a"} => 6)");
        QTest::newRow("avg_over_time") << QByteArray("avg_over_time(gauge[1m])") << 600.0
                                       << QByteArray(R"({instance="a"} => 1.2)");
        QTest::newRow("min/max_over_time")
            << QByteArray("max_over_time(gauge[1m]) - min_over_time(gauge[1m])") << 600.0
            << QByteArray(R"({instance="a"} => 3)");
        QTest::newRow("changes") << QByteArray("changes(gauge[1m])") << 600.0
                                 << QByteArray(R"({instance="a"} => 4)");
        QTest::newRow("quantile_over_time") << QByteArray("quantile_over_time(0.5, gauge[1m])")
                                            << 600.0 << QByteArray(R"({instance="a"} => 1)");
        QTest::newRow("stdvar_over_time") << QByteArray("stdvar_over_time(gauge[1m])") << 600.0
                                          << QByteArray(R"({instance="a"} => 1.36)");
        QTest::newRow("stddev_over_time") << QByteArray("stddev_over_time(gauge[1m])") << 600.0
                                          << QByteArray(R"({instance="a"} => 1.166190379)");
        QTest::newRow("deriv of a straight line")
            << QByteArray(R"(deriv(http_requests_total{instance="a"}[2m]))") << 600.0
            << QByteArray(R"({instance="a", job="api"} => 0.6666666667)");
        QTest::newRow("predict_linear")
            << QByteArray(R"(predict_linear(http_requests_total{instance="a"}[2m], 60))") << 600.0
            << QByteArray(R"({instance="a", job="api"} => 440)");
        QTest::newRow("present_over_time") << QByteArray("present_over_time(gauge[1m])") << 600.0
                                           << QByteArray(R"({instance="a"} => 1)");
        QTest::newRow("absent_over_time") << QByteArray(R"(absent_over_time(nope{job="x"}[1m]))")
                                          << 600.0 << QByteArray(R"({job="x"} => 1)");
        QTest::newRow("absent") << QByteArray(R"(absent(nope{job="x",i=~"y"}))") << 600.0
                                << QByteArray(R"({job="x"} => 1)");
        QTest::newRow("absent of present") << QByteArray("absent(up)") << 600.0 << QByteArray("");
        // Subqueries align to multiples of their step.
        QTest::newRow("subquery") << QByteArray("max_over_time(gauge[1m:15s])") << 600.0
                                  << QByteArray(R"({instance="a"} => 3)");
        QTest::newRow("subquery points") << QByteArray("count_over_time(gauge[1m:20s])") << 610.0
                                         << QByteArray(R"({instance="a"} => 3)");
        QTest::newRow("subquery of rate")
            << QByteArray(R"(max_over_time(rate(http_requests_total{instance="a"}[1m])[2m:30s]))")
            << 600.0 << QByteArray(R"({instance="a", job="api"} => 0.6666666667)");
        // Operators.
        QTest::newRow("scalar arithmetic")
            << QByteArray("2 ^ 3 ^ 2") << 0.0 << QByteArray("scalar 512");
        QTest::newRow("scalar comparison bool")
            << QByteArray("1 < bool 2") << 0.0 << QByteArray("scalar 1");
        QTest::newRow("modulo") << QByteArray("-7 % 3") << 0.0 << QByteArray("scalar -1");
        QTest::newRow("comparison filters and keeps the name")
            << QByteArray("up == 0") << 600.0 << QByteArray(R"(up{job="web"} => 0)");
        QTest::newRow("bool drops the name") << QByteArray("up == bool 0") << 600.0
                                             << QByteArray(R"({job="api"} => 0; {job="web"} => 1)");
        QTest::newRow("scalar on the left keeps the vector's value")
            << QByteArray("0.5 < up") << 600.0 << QByteArray(R"(up{job="api"} => 1)");
        QTest::newRow("time() - selector") << QByteArray("time() - gauge") << 600.0
                                           << QByteArray(R"({instance="a"} => 1700000600)");
        QTest::newRow("one-to-one on job")
            << QByteArray(R"(sum by (job) (http_requests_total) + on(job) up)") << 600.0
            << QByteArray(R"({job="api"} => 501; {job="web"} => 140)");
        QTest::newRow("comparison one-to-one keeps matching labels only")
            << QByteArray(R"(up > on(job) (up - 1))") << 600.0
            << QByteArray(R"({job="api"} => 1; {job="web"} => 0)");
        QTest::newRow("group_left")
            << QByteArray(R"(http_requests_total * on(job) group_left up)") << 600.0
            << QByteArray(
                   R"({instance="a", job="api"} => 400; {instance="b", job="api"} => 100; {instance="c", job="web"} => 0)");
        QTest::newRow("group_left copies labels")
            << QByteArray(
                   R"(up * on(job) group_left(instance) (http_requests_total{instance="c"}))")
            << 600.0 << QByteArray(R"({instance="c", job="web"} => 0)");
        QTest::newRow("many-to-one without group_left")
            << QByteArray(R"(http_requests_total + on(job) up)") << 600.0
            << QByteArray("error execution: multiple matches for labels: many-to-one matching "
                          "must be explicit (group_left/group_right)");
        QTest::newRow("duplicates on the one side")
            << QByteArray(R"(up + on(job) http_requests_total)") << 600.0
            << QByteArray(
                   R"(error execution: found duplicate series for the match group {job="api"} on the right hand-side of the operation: [{__name__="http_requests_total", instance="b", job="api"}, {__name__="http_requests_total", instance="a", job="api"}];many-to-many matching not allowed: matching labels must be unique on one side)");
        QTest::newRow("and") << QByteArray(R"(up and on(job) http_requests_total{instance="c"})")
                             << 600.0 << QByteArray(R"(up{job="web"} => 0)");
        QTest::newRow("or") << QByteArray(R"(up{job="api"} or gauge)") << 600.0
                            << QByteArray(R"(up{job="api"} => 1; gauge{instance="a"} => 0)");
        QTest::newRow("unless") << QByteArray(R"(up unless up == 0)") << 600.0
                                << QByteArray(R"(up{job="api"} => 1)");
        QTest::newRow("same labelset after dropping names")
            << QByteArray(R"({__name__=~"old_series|stale_series"} * 1)") << 10.0
            << QByteArray("error execution: vector cannot contain metrics with the same labelset");
        // Aggregations.
        QTest::newRow("sum by") << QByteArray("sum by (job) (http_requests_total)") << 600.0
                                << QByteArray(R"({job="api"} => 500; {job="web"} => 140)");
        QTest::newRow("sum without")
            << QByteArray("sum without (instance) (http_requests_total)") << 600.0
            << QByteArray(R"({job="api"} => 500; {job="web"} => 140)");
        QTest::newRow("by after") << QByteArray("max(http_requests_total) by (job)") << 600.0
                                  << QByteArray(R"({job="api"} => 400; {job="web"} => 140)");
        QTest::newRow("avg, min, count")
            << QByteArray("avg(up) + min(up) + count(up)") << 600.0 << QByteArray("{} => 2.5");
        QTest::newRow("group") << QByteArray("group by (job) (http_requests_total)") << 600.0
                               << QByteArray(R"({job="api"} => 1; {job="web"} => 1)");
        QTest::newRow("stddev") << QByteArray("stddev(up)") << 600.0 << QByteArray("{} => 0.5");
        QTest::newRow("stdvar") << QByteArray("stdvar(up)") << 600.0 << QByteArray("{} => 0.25");
        QTest::newRow("quantile") << QByteArray("quantile(0.5, http_requests_total)") << 600.0
                                  << QByteArray("{} => 140");
        QTest::newRow("topk best first keeps labels")
            << QByteArray("topk(2, http_requests_total)") << 600.0
            << QByteArray(
                   R"(http_requests_total{instance="a", job="api"} => 400; http_requests_total{instance="c", job="web"} => 140)");
        QTest::newRow("bottomk") << QByteArray("bottomk(1, http_requests_total)") << 600.0
                                 << QByteArray(
                                        R"(http_requests_total{instance="b", job="api"} => 100)");
        QTest::newRow("count_values") << QByteArray(R"(count_values("v", up))") << 600.0
                                      << QByteArray(R"({v="1"} => 1; {v="0"} => 1)");
        QTest::newRow("sort")
            << QByteArray("sort(http_requests_total)") << 600.0
            << QByteArray(
                   R"(http_requests_total{instance="b", job="api"} => 100; http_requests_total{instance="c", job="web"} => 140; http_requests_total{instance="a", job="api"} => 400)");
        QTest::newRow("sort_desc") << QByteArray("sort_desc(up)") << 600.0
                                   << QByteArray(R"(up{job="api"} => 1; up{job="web"} => 0)");
        // Other functions.
        QTest::newRow("histogram_quantile") << QByteArray("histogram_quantile(0.5, req_bucket)")
                                            << 600.0 << QByteArray("{} => 0.3");
        QTest::newRow("histogram_quantile past the last finite bucket")
            << QByteArray("histogram_quantile(0.9, req_bucket)") << 600.0
            << QByteArray("{} => 0.5");
        QTest::newRow("label_replace")
            << QByteArray(R"(label_replace(up{job="api"}, "dst", "x-$1", "job", "(a)pi"))") << 600.0
            << QByteArray(R"(up{dst="x-a", job="api"} => 1)");
        QTest::newRow("label_replace no match keeps")
            << QByteArray(R"(label_replace(up{job="api"}, "dst", "$1", "job", "zz"))") << 600.0
            << QByteArray(R"(up{job="api"} => 1)");
        QTest::newRow("label_join")
            << QByteArray(
                   R"(label_join(http_requests_total{instance="a"}, "d", "-", "job", "instance"))")
            << 600.0
            << QByteArray(R"(http_requests_total{d="api-a", instance="a", job="api"} => 400)");
        QTest::newRow("clamp")
            << QByteArray("clamp(http_requests_total, 120, 200)") << 600.0
            << QByteArray(
                   R"({instance="a", job="api"} => 200; {instance="b", job="api"} => 120; {instance="c", job="web"} => 140)");
        QTest::newRow("clamp_max")
            << QByteArray(R"(clamp_max(http_requests_total{instance="a"}, 100))") << 600.0
            << QByteArray(R"({instance="a", job="api"} => 100)");
        QTest::newRow("clamp_min")
            << QByteArray("clamp_min(gauge, 2)") << 600.0 << QByteArray(R"({instance="a"} => 2)");
        QTest::newRow("round to nearest") << QByteArray("round(gauge + 0.26, 0.5)") << 600.0
                                          << QByteArray(R"({instance="a"} => 0.5)");
        QTest::newRow("scalar of one")
            << QByteArray(R"(scalar(up{job="api"}))") << 600.0 << QByteArray("scalar 1");
        QTest::newRow("scalar of two is NaN")
            << QByteArray("scalar(up)") << 600.0 << QByteArray("scalar NaN");
        QTest::newRow("vector") << QByteArray("vector(3)") << 600.0 << QByteArray("{} => 3");
        QTest::newRow("timestamp of a selector is the sample's time")
            << QByteArray("timestamp(gauge)") << 610.0
            << QByteArray(R"({instance="a"} => 1700000600)");
        QTest::newRow("timestamp of an expression is the step")
            << QByteArray("timestamp(gauge * 1)") << 610.0
            << QByteArray(R"({instance="a"} => 1700000610)");
        QTest::newRow("date functions")
            << QByteArray("year() * 10000 + month() * 100 + day_of_month()") << 0.0
            << QByteArray("{} => 20231114");
        QTest::newRow("hour minute weekday")
            << QByteArray("hour(vector(1700000000)) * 100 + minute(vector(1700000000)) + "
                          "day_of_week(vector(1700000000)) / 10")
            << 0.0 << QByteArray("{} => 2213.2");
        QTest::newRow("day_of_year") // 2023-11-14
            << QByteArray("day_of_year(vector(1700000000))") << 0.0 << QByteArray("{} => 318");
        QTest::newRow("days_in_month")
            << QByteArray("days_in_month(vector(1709164800))") << 0.0 << QByteArray("{} => 29");
        QTest::newRow("math") << QByteArray(
                                     "sqrt(vector(16)) + ln(vector(1)) + log2(vector(8)) + "
                                     "log10(vector(100)) + abs(vector(-1)) + ceil(vector(0.5)) + "
                                     "floor(vector(0.5)) + exp(vector(0)) + sgn(vector(-3))")
                              << 0.0 << QByteArray("{} => 11");
        QTest::newRow("trigonometry")
            << QByteArray("deg(vector(1) atan2 vector(1))") << 0.0 << QByteArray("{} => 45");
        QTest::newRow("inverse trigonometry")
            << QByteArray(
                   "asin(sin(vector(0.5))) + acos(cos(vector(0.5))) + atan(tan(vector(0.5))) "
                   "+ asinh(sinh(vector(0.5))) + acosh(cosh(vector(0.5))) + "
                   "atanh(tanh(vector(0.5)))")
            << 0.0 << QByteArray("{} => 3");
        QTest::newRow("pi and rad")
            << QByteArray("rad(vector(180)) - pi()") << 0.0 << QByteArray("{} => 0");
        QTest::newRow("pi") << QByteArray("pi()") << 0.0 << QByteArray("scalar 3.141592654");
        QTest::newRow("holt_winters") << QByteArray("holt_winters(gauge[1m], 0.5, 0.5)") << 600.0
                                      << QByteArray(R"({instance="a"} => 2)");
        QTest::newRow("holt_winters factor")
            << QByteArray("holt_winters(gauge[1m], 1, 0.5)") << 600.0
            << QByteArray("error execution: invalid smoothing factor. Expected: 0 < sf < 1, got: "
                          "1.000000");
        QTest::newRow("string") << QByteArray(R"("hello")") << 0.0 << QByteArray("string hello");
        QTest::newRow("range selector result") << QByteArray("stale_series[1m]") << 50.0
                                               << QByteArray("stale_series => 1@0 2@15 3@30");
    }
    void instant() {
        QFETCH(QByteArray, query);
        QFETCH(double, time);
        QFETCH(QByteArray, expected);
        const Engine engine(m_store);
        QCOMPARE(render(engine.instantQuery(query, at(time))), expected);
    }

    void range_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("selector with staleness")
            << QByteArray("stale_series") << QByteArray("stale_series => 1@0 2@20 3@40");
        QTest::newRow("scalar") << QByteArray("time() - 1700000000")
                                << QByteArray("{} => 0@0 20@20 40@40 60@60");
        QTest::newRow("lookback carries values forward")
            << QByteArray("old_series") << QByteArray("old_series => 7@0 7@20 7@40 7@60");
        QTest::newRow("sort has no effect; sorted by labels")
            << QByteArray("sort_desc(up)")
            << QByteArray(
                   R"(up{job="api"} => 1@0 1@20 1@40 1@60; up{job="web"} => 0@0 0@20 0@40 0@60)");
    }
    void range() {
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, expected);
        const Engine engine(m_store);
        QCOMPARE(render(engine.rangeQuery(query, at(0), at(60), 20000)), expected);
    }

    void rangeQueryRefusesRangeVectors() {
        const Engine engine(m_store);
        QCOMPARE(render(engine.rangeQuery("gauge[1m]", at(0), at(60), 20000)),
                 QByteArray("error bad_data: invalid expression type \"range vector\" for range "
                            "query, must be Scalar or instant Vector"));
    }

    void parseErrorIsBadData() {
        const Engine engine(m_store);
        QCOMPARE(render(engine.instantQuery("rate(gauge)", at(0))),
                 QByteArray("error bad_data: 1:6: parse error: expected type range vector in call "
                            "to function \"rate\", got instant vector"));
    }

    void lookbackIsConfigurable() {
        Engine::Options options;
        options.lookbackMs = 60 * 1000;
        const Engine engine(m_store, options);
        QCOMPARE(render(engine.instantQuery("old_series", at(60))), QByteArray("old_series => 7"));
        QCOMPARE(render(engine.instantQuery("old_series", at(61))), QByteArray(""));
    }

    void maxSamples() {
        Engine::Options options;
        options.maxSamples = 10;
        const Engine engine(m_store, options);
        QCOMPARE(render(engine.instantQuery("http_requests_total[10m]", at(600))),
                 QByteArray("error execution: query processing would load too many samples into "
                            "memory in query execution"));
        // As 2.42 counts: a step's selected samples, not everything storage holds for the
        // query (a 5 min lookback holds 20 samples a series here).
        QVERIFY(!render(engine.instantQuery("http_requests_total", at(600))).startsWith("error"));
        QVERIFY(!render(engine.instantQuery("sum(rate(http_requests_total[30s]))", at(600)))
                     .startsWith("error"));
        QVERIFY(render(engine.rangeQuery("http_requests_total", at(0), at(600), 15'000))
                    .startsWith("error execution: query processing would load too many"));
    }

    void timeout() {
        Engine::Options options;
        options.timeoutMs = 0;
        const Engine engine(m_store, options);
        QCOMPARE(render(engine.instantQuery("up", at(600))),
                 QByteArray("error timeout: query timed out in expression evaluation"));
    }

    // 10 jobs × 100 instances × 5 codes, as bench_query holds them: `by (job, instance)` has
    // 1,000 groups and every one stays apart (a 64-bit mix of the label ids once merged some,
    // so bench_query's group_left answer had 3,925 series where Prometheus has 5,000).
    void manyGroupsStayApart() {
        SeriesStore store(&m_clock);
        store.setRetentionMs(10 * 3600 * 1000);
        for (int j = 0; j < 10; ++j)
            for (int i = 0; i < 100; ++i)
                for (int c = 0; c < 5; ++c) {
                    const Labels l = Labels::of({{"__name__", "grid_total"},
                                                 {"job", "j" + QByteArray::number(j)},
                                                 {"instance", "i" + QByteArray::number(i)},
                                                 {"code", "c" + QByteArray::number(c)}});
                    for (int k = 0; k <= 8; ++k)
                        store.append(l, at(k * 15), double((j * 100 + i) * 5 + c + 1) * (k + 1));
                }
        const Engine engine(store);
        const qint64 t = at(120);
        QCOMPARE(render(engine.instantQuery("count(sum by (job, instance) (grid_total))", t)),
                 QByteArray("{} => 1000"));
        QCOMPARE(render(engine.instantQuery("count(count without (code) (grid_total))", t)),
                 QByteArray("{} => 1000"));
        const QByteArray share =
            "grid_total / on(job, instance) group_left sum by (job, instance) (grid_total)";
        QCOMPARE(render(engine.instantQuery("count(" + share + ")", t)), QByteArray("{} => 5000"));
        // Each group's shares add up to 1.
        QCOMPARE(render(engine.instantQuery(
                     "count(abs(sum by (job, instance) (" + share + ") - 1) > 1e-12)", t)),
                 QByteArray(""));
        // The range path that aggregates series by series (Evaluator::rangeAggregate).
        const auto range =
            engine.rangeQuery("sum by (job, instance) (rate(grid_total[1m]))", at(60), t, 15'000);
        QVERIFY(std::holds_alternative<QueryResult>(range));
        QCOMPARE(std::get<QueryResult>(range).series.size(), size_t(1000));
    }

    void cancel() {
        const Engine engine(m_store);
        const std::atomic_bool canceled{true};
        QCOMPARE(render(engine.instantQuery("up", at(600), &canceled)),
                 QByteArray("error canceled: query was canceled in expression evaluation"));
    }
};

QTEST_GUILESS_MAIN(TestPromqlEngine)
#include "tst_promqlengine.moc"
