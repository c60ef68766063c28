package ci.opensearch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Entry point used by .ci/opensearch.sh instead of OpenSearchRunner.main, which exits 1
 * without saying why when the node fails to start. Same arguments as OpenSearchRunner;
 * additionally gives the node the ingest role (the runner defaults to cluster_manager,data)
 * and, with -Dci.node.name=NAME, that node name (the runner names every node "Node 1", which
 * a cluster of several processes cannot use: .ci/opensearch.sh's multi-node mode).
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        final OpenSearchRunner runner = new OpenSearchRunner();
        final String nodeName = System.getProperty("ci.node.name");
        runner.onBuild((id, settings) -> {
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            if (nodeName != null && !nodeName.isEmpty()) {
                settings.put("node.name", nodeName);
            }
        });
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
