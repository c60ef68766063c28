package ci.opensearch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Entry point used by .ci/opensearch.sh instead of OpenSearchRunner.main, which exits 1
 * without saying why when the node fails to start. Same arguments as OpenSearchRunner;
 * additionally gives the node the ingest role (the runner defaults to cluster_manager,data).
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((id, settings) -> settings.putList("node.roles", "cluster_manager", "data", "ingest"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "ci-opensearch-shutdown"));
        try {
            runner.build(args);
        } catch (Throwable t) {
            System.err.println("ci-opensearch: node failed to start");
            t.printStackTrace();
            System.exit(1);
        }
        while (!runner.isClosed()) {
            Thread.sleep(1000);
        }
    }
}
