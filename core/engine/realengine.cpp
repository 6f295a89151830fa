#include "realengine.h"

#include "scrape/kubernetessd.h"
#include "scrape/podsource.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>

namespace ppl::engine {

namespace {
// The Alertmanager needs a route and a receiver; the lab only shows what arrives there.
constexpr char AlertmanagerConfig[] = "route:\n"
                                      "  receiver: lab\n"
                                      "  group_wait: 1s\n"
                                      "  group_interval: 1s\n"
                                      "receivers:\n"
                                      "  - name: lab\n";

bool writeFile(const QString &path, const QByteArray &text, QString *error) {
    QSaveFile f(path);
    if (f.open(QIODevice::WriteOnly) && f.write(text) == text.size() && f.commit())
        return true;
    *error = RealEngine::tr("cannot write %1: %2").arg(path, f.errorString());
    return false;
}
} // namespace

RealEngine::RealEngine(RealEngineOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_network(new QNetworkAccessManager(this)) {}

RealEngine::~RealEngine() {
    stop();
}

QString RealEngine::childName(Child child) {
    switch (child) {
    case Child::Prometheus:
        return QStringLiteral("prometheus");
    case Child::Pushgateway:
        return QStringLiteral("prometheus-pushgateway");
    case Child::Alertmanager:
        return QStringLiteral("prometheus-alertmanager");
    }
    return {};
}

ChildServer *RealEngine::child(Child child) const {
    switch (child) {
    case Child::Prometheus:
        return m_prometheus.get();
    case Child::Pushgateway:
        return m_pushgateway.get();
    case Child::Alertmanager:
        return m_alertmanager.get();
    }
    return nullptr;
}

QString RealEngine::configFile() const {
    return m_dir.filePath(QStringLiteral("prometheus.yml"));
}

ChildServer *RealEngine::makeChild(Child which, ChildSpec spec) {
    spec.name = childName(which);
    spec.debianPackage = childName(which); // Debian names the binary after its package
    spec.workingDirectory = m_dir.path();
    spec.readyTimeoutMs = m_options.readyTimeoutMs;
    spec.stopGraceMs = m_options.stopGraceMs;
    auto *c = new ChildServer(std::move(spec));
    connect(c, &ChildServer::ready, this, [this, which] {
        Q_EMIT childReady(which);
        if (which == Child::Pushgateway && !m_serversStarted)
            Q_EMIT gatewayReady();
        checkAllReady();
    });
    connect(c, &ChildServer::failed, this, [this](const QString &why) { Q_EMIT failed(why); });
    connect(c, &ChildServer::died, this,
            [this, which](int, bool, const QString &message) { Q_EMIT childDied(which, message); });
    return c;
}

bool RealEngine::prepare(QString *error) {
    if (!m_dir.isValid()) {
        *error = tr("no temporary directory for the real engine: %1").arg(m_dir.errorString());
        return false;
    }
    const QString dir = m_dir.path();
    ChildSpec prometheus;
    prometheus.program = m_options.prometheusProgram;
    prometheus.args = {QStringLiteral("--config.file=") + configFile(),
                       QStringLiteral("--storage.tsdb.path=") + dir + QStringLiteral("/data"),
                       QStringLiteral("--web.enable-lifecycle")};
    m_prometheus.reset(makeChild(Child::Prometheus, prometheus));
    if (m_options.pushgateway) {
        ChildSpec gateway;
        gateway.program = m_options.pushgatewayProgram;
        gateway.args = {QStringLiteral("--persistence.file=") + gatewayPersistenceFile()};
        m_pushgateway.reset(makeChild(Child::Pushgateway, gateway));
    }
    if (m_options.alertmanager) {
        ChildSpec am;
        am.program = m_options.alertmanagerProgram;
        am.args = {QStringLiteral("--config.file=") + dir + QStringLiteral("/alertmanager.yml"),
                   QStringLiteral("--storage.path=") + dir + QStringLiteral("/alertmanager"),
                   QStringLiteral("--cluster.listen-address=")}; // empty: no clustering
        m_alertmanager.reset(makeChild(Child::Alertmanager, am));
        if (!writeFile(dir + QStringLiteral("/alertmanager.yml"), AlertmanagerConfig, error))
            return false;
    }
    for (Child c : {Child::Pushgateway, Child::Prometheus, Child::Alertmanager})
        if (ChildServer *s = child(c); s && !s->checkProgram(error))
            return false;
    for (Child c : {Child::Pushgateway, Child::Prometheus, Child::Alertmanager})
        if (ChildServer *s = child(c); s && s->reservePort() == 0) {
            *error = tr("no free loopback port for %1").arg(childName(c));
            return false;
        }
    connect(m_prometheus.get(), &ChildServer::portChanged, this,
            [this] { Q_EMIT serverPortChanged(serverUrl()); });
    if (m_alertmanager)
        connect(m_alertmanager.get(), &ChildServer::portChanged, this, [this] {
            QString ignored;
            writeFiles(m_config, &ignored); // the alerting section names its port
        });
    return writeFiles(m_config, error);
}

bool RealEngine::startGateway(QString *error) {
    if (!m_pushgateway) {
        *error = tr("this engine runs no Pushgateway");
        return false;
    }
    return m_pushgateway->start(error);
}

bool RealEngine::startServers(QString *error) {
    m_serversStarted = true;
    m_announcedReady = false;
    if (m_alertmanager && !m_alertmanager->start(error))
        return false;
    return m_prometheus->start(error);
}

void RealEngine::checkAllReady() {
    if (!m_serversStarted || m_announcedReady || !isReady())
        return;
    m_announcedReady = true;
    Q_EMIT ready();
}

bool RealEngine::isReady() const {
    for (Child c : {Child::Pushgateway, Child::Prometheus, Child::Alertmanager})
        if (ChildServer *s = child(c); s && !s->isReady())
            return false;
    return m_prometheus != nullptr;
}

void RealEngine::stop() {
    // Prometheus first: it would otherwise log every failed scrape of the gateway going away.
    for (Child c : {Child::Prometheus, Child::Alertmanager, Child::Pushgateway})
        if (ChildServer *s = child(c))
            s->stop();
}

bool RealEngine::restart(Child which, QString *error) {
    ChildServer *s = child(which);
    if (!s) {
        if (error)
            *error = tr("the real engine runs no %1").arg(childName(which));
        return false;
    }
    return s->restart(error);
}

QString RealEngine::gatewayPersistenceFile() const {
    return m_dir.filePath(QStringLiteral("pushgateway.data"));
}

bool RealEngine::restartGateway(bool keepPersistence, QString *error) {
    if (!m_pushgateway) {
        *error = tr("the real engine runs no %1").arg(childName(Child::Pushgateway));
        return false;
    }
    m_pushgateway->stop(); // SIGTERM: the gateway writes its persistence file on the way down
    if (!keepPersistence)
        QFile::remove(gatewayPersistenceFile());
    return m_pushgateway->start(error);
}

QUrl RealEngine::gatewayUrl() const {
    return m_pushgateway ? m_pushgateway->url() : QUrl();
}

QUrl RealEngine::serverUrl() const {
    return m_prometheus ? m_prometheus->url() : QUrl();
}

QUrl RealEngine::alertmanagerUrl() const {
    return m_alertmanager ? m_alertmanager->url() : QUrl();
}

bool RealEngine::writeFiles(const EngineConfig &config, QString *error) {
    QDir rules(m_dir.filePath(QStringLiteral("rules")));
    if (rules.exists())
        rules.removeRecursively();
    QStringList paths;
    if (!config.ruleSources.empty() && !QDir(m_dir.path()).mkpath(QStringLiteral("rules"))) {
        *error = tr("cannot create %1").arg(rules.path());
        return false;
    }
    int n = 0;
    for (const auto &[name, yaml] : config.ruleSources) {
        // Named by position: a source's name ("scenario.yaml#rules") is no file name.
        const QString path = rules.filePath(QStringLiteral("rules-%1.yml").arg(++n));
        if (!writeFile(path, yaml, error))
            return false;
        paths << path;
    }
    const QByteArray am = m_alertmanager ? m_alertmanager->address() : QByteArray();
    EngineConfig withFiles = config;
    withFiles.prometheusYaml = replaceKubernetesSd(
        config.prometheusYaml, m_dir.filePath(QStringLiteral("sd")), &m_podFiles);
    if (!m_podFiles.empty()) {
        QDir(m_dir.path()).mkpath(QStringLiteral("sd"));
        writePodFiles();
    }
    return writeFile(configFile(), renderPrometheusConfig(withFiles, paths, am), error);
}

void RealEngine::setPodSource(PodSource *pods) {
    if (m_pods)
        m_pods->disconnect(this);
    m_pods = pods;
    if (pods)
        connect(pods, &PodSource::changed, this, &RealEngine::writePodFiles);
    writePodFiles();
}

void RealEngine::writePodFiles() {
    const QList<Pod> pods = m_pods ? m_pods->pods() : QList<Pod>();
    for (const PodSdFile &f : m_podFiles) {
        // file_sd's format: target groups, each target's discovery labels with it.
        QJsonArray groups;
        for (const KubernetesSdConfig &c : f.configs)
            for (const Labels &target : discoverPodTargets(pods, c)) {
                QJsonObject labels;
                for (int i = 0; i < target.size(); ++i)
                    if (target.name(i) != "__address__")
                        labels.insert(QString::fromUtf8(target.name(i)),
                                      QString::fromUtf8(target.value(i)));
                groups.append(
                    QJsonObject{{QStringLiteral("targets"),
                                 QJsonArray{QString::fromUtf8(target.value("__address__"))}},
                                {QStringLiteral("labels"), labels}});
            }
        QString ignored;
        writeFile(f.path, QJsonDocument(groups).toJson(), &ignored);
    }
}

void RealEngine::applyConfig(const QByteArray &resolvedYaml,
                             const std::vector<std::pair<QString, QByteArray>> &ruleSources,
                             const QString &baseDir) {
    EngineConfig config{resolvedYaml, ruleSources, baseDir};
    if (!m_prometheus || !m_prometheus->isReady()) {
        m_config = config;
        QString error;
        if (!writeFiles(m_config, &error))
            Q_EMIT configApplied(false, error);
        return; // read when Prometheus starts
    }
    reload(config, this,
           [this](bool ok, const QString &error) { Q_EMIT configApplied(ok, error); });
}

void RealEngine::reload(const EngineConfig &config, QObject *context,
                        std::function<void(bool, const QString &)> done) {
    QString error;
    m_config = config;
    if (!writeFiles(config, &error)) {
        QMetaObject::invokeMethod(
            context, [done, error] { done(false, error); }, Qt::QueuedConnection);
        return;
    }
    if (!m_prometheus || m_prometheus->state() != ChildServer::State::Ready) {
        const QString why = tr("prometheus is not running; the configuration is written and "
                               "read when it starts");
        QMetaObject::invokeMethod(
            context, [done, why] { done(false, why); }, Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request(m_prometheus->url().resolved(QUrl(QStringLiteral("/-/reload"))));
    request.setTransferTimeout(m_options.reloadTimeoutMs);
    QNetworkReply *reply = m_network->post(request, QByteArray());
    connect(reply, &QNetworkReply::finished, context, [reply, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString body = QString::fromUtf8(reply->readAll()).trimmed();
        if (status == 200) {
            done(true, {});
            return;
        }
        // Prometheus answers 500 with the reason as plain text: its own words, unaltered.
        done(false, !body.isEmpty() ? body : reply->errorString());
    });
}

} // namespace ppl::engine
