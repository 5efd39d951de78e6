package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The container's default configuration and the Kubernetes example are configurations ops run as shipped: each
 * loads, and what the probes, ports and mounts say matches what the configuration opens. (No kubeconform here: a
 * YAML parse and the keys that matter.)
 */
class DeploymentFilesTest {

    /** Surefire runs in the module folder. */
    private static final Path REPO = Path.of("..");

    @Test
    void theImagesDefaultConfigurationListensEverywhereAndServesSrvSite() {
        ImageGuardConfig config = ConfigLoader.load(REPO.resolve("docker/image/imageguard.yaml"));
        assertThat(config.server()).isEqualTo(new ServerSettings("0.0.0.0", 8080, 8081, "0.0.0.0"));
        assertThat(config.origin().root()).contains(Path.of("/srv/site"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesProbesReadHealthzOnTheAdminPortTheConfigMapOpens() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(REPO.resolve("deploy/kubernetes.yaml"))) {
            new Yaml(new LoaderOptions()).loadAll(reader).forEach(d -> documents.add((Map<String, Object>) d));
        }
        assertThat(documents).extracting(d -> d.get("kind")).containsExactly("ConfigMap", "Deployment", "Service");

        Map<String, Object> configMap = documents.get(0);
        String file = (String) ((Map<String, Object>) configMap.get("data")).get("imageguard.yaml");
        ImageGuardConfig config = ConfigLoader.load(file, "ConfigMap imageguard");
        assertThat(config.server().adminHost()).isEqualTo("0.0.0.0");
        assertThat(config.origin().isConfigured()).isTrue();

        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) documents.get(1)
                .get("spec")).get("template")).get("spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        List<Map<String, Object>> ports = (List<Map<String, Object>>) container.get("ports");
        assertThat(ports).contains(Map.of("name", "http", "containerPort", config.server().port()),
                Map.of("name", "admin", "containerPort", config.server().adminPort()));
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) container.get(probe)).get("httpGet");
            assertThat(get).as(probe).containsEntry("path", "/healthz").containsEntry("port", "admin");
        }
        List<String> args = (List<String>) container.get("args");
        Map<String, Object> mount = ((List<Map<String, Object>>) container.get("volumeMounts")).get(0);
        assertThat(args).containsExactly("serve", "--config", mount.get("mountPath") + "/imageguard.yaml");
    }
}
