package app.passkeybff.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock on a loopback port standing in for an upstream, for the faults a faithful emulator
 * never makes. Arg {@code configKey}: the property that points the service at the upstream.
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, WireMockServer> SERVERS = new ConcurrentHashMap<>();
    private String configKey;

    @Override
    public void init(Map<String, String> initArgs) {
        configKey = initArgs.getOrDefault("configKey", "corbado.api-url");
    }

    @Override
    public Map<String, String> start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(20));
        server.start();
        SERVERS.put(configKey, server);
        return Map.of(configKey, server.baseUrl());
    }

    @Override
    public void stop() {
        WireMockServer server = SERVERS.remove(configKey);
        if (server != null) {
            server.stop();
        }
    }

    public static WireMockServer server(String configKey) {
        return SERVERS.get(configKey);
    }
}
