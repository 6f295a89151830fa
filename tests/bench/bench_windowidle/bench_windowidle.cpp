// bench_windowidle: what a new request to the lab's Pushgateway costs with N idle connections
// open (default 5,000), in the headless lab (epoll event dispatcher) and in the window's lab
// (QApplication with the platform's dispatcher: glib by default, Qt's poll() one with
// QT_NO_GLIB=1). Runs the pullpush-lab binary for each; QT_QPA_PLATFORM decides the window's
// platform (offscreen unless set; xcb needs a display). Prints the median of 41 requests per
// variant, each on a new connection: with none idle, right after the idle ones connected, and
// after they stayed quiet for 2 s (the window's lab then has them parked).
// Usage: bench_windowidle [idle-connections] [pullpush-lab binary]
#include "realpeer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Variant {
    const char *name;
    QStringList args;
    QStringList env; // NAME=VALUE added to the environment
};

bool waitHealthy(quint16 port, QProcess &lab) {
    const QByteArray healthy =
        "GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 30000 && lab.state() == QProcess::Running) {
        if (ppl::test::rawHttp(port, healthy, 1000, false).status == 200)
            return true;
        QThread::msleep(100);
    }
    return false;
}

void run(const QString &binary, const Variant &v, int idleCount) {
    QTemporaryDir home;
    const quint16 gatewayPort = ppl::test::freeLoopbackPort();
    const quint16 serverPort = ppl::test::freeLoopbackPort();
    QProcess lab;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home.path()); // the window's settings stay out of ~
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
    for (const QString &kv : v.env)
        env.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    lab.setProcessEnvironment(env);
    lab.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    lab.start(binary, v.args + QStringList{QStringLiteral("--gateway-listen"),
                                           QStringLiteral("127.0.0.1:%1").arg(gatewayPort),
                                           QStringLiteral("--listen"),
                                           QStringLiteral("127.0.0.1:%1").arg(serverPort)});
    const auto stop = qScopeGuard([&] {
        lab.terminate();
        if (!lab.waitForFinished(10000)) {
            lab.kill();
            lab.waitForFinished(5000);
        }
    });
    if (!lab.waitForStarted(5000) || !waitHealthy(gatewayPort, lab)) {
        std::printf("%-30s did not start\n", v.name);
        return;
    }
    const QByteArray healthy =
        "GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    const auto measure = [&] {
        std::vector<double> ms;
        for (int i = 0; i < 41; ++i) {
            QElapsedTimer t;
            t.start();
            if (ppl::test::rawHttp(gatewayPort, healthy, 10000, false).status != 200)
                return std::vector<double>();
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        return ms;
    };
    const std::vector<double> before = measure();
    std::vector<int> idle;
    const auto closeIdle = qScopeGuard([&] {
        for (int fd : idle)
            ::close(fd);
    });
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(gatewayPort);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < idleCount; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            break;
        idle.push_back(fd);
        if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            break;
    }
    // The first request is answered after the lab accepted every queued connection.
    ppl::test::rawHttp(gatewayPort, healthy, 60000, false);
    const std::vector<double> fresh = measure();
    // The window's lab parks a connection after a second of quiet (IdleSocketParking).
    QThread::msleep(2000);
    const std::vector<double> after = measure();
    if (before.empty() || fresh.empty() || after.empty()) {
        std::printf("%-30s a request failed\n", v.name);
        return;
    }
    std::printf("%-30s none idle: %6.2f ms | %d just opened: %6.2f ms | idle 2 s: %6.2f ms "
                "(worst %6.2f)\n",
                v.name, before[before.size() / 2], int(idle.size()), fresh[fresh.size() / 2],
                after[after.size() / 2], after.back());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 20000) {
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 20000);
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    const int idleCount = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 5000;
    const QString binary =
        argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral(PPL_LAB_BINARY_DEFAULT);
    const QList<Variant> variants{
        {"headless (epoll)", {QStringLiteral("--headless")}, {}},
        {"window (platform dispatcher)", {}, {}},
        {"window, QT_NO_GLIB=1 (poll)", {}, {QStringLiteral("QT_NO_GLIB=1")}},
    };
    std::printf(
        "QT_QPA_PLATFORM=%s\n",
        qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("offscreen")).toUtf8().constData());
    for (const Variant &v : variants)
        run(binary, v, idleCount);
    return 0;
}
