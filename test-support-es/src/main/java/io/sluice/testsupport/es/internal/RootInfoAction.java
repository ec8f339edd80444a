package io.sluice.testsupport.es.internal;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.bytes.BytesArray;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

/**
 * The {@code /} endpoint: the node's and cluster's names, the cluster UUID and the build's
 * version block ({@code number}, flavor, type, hash, date, snapshot, Lucene version and the
 * wire/index compatibility floor), read from the running jars, plus the tagline. {@code HEAD /}
 * answers 200 with no body.
 */
final class RootInfoAction extends BaseRestHandler {
  private static final String TAGLINE = "You Know, for Search";

  private final Supplier<ClusterService> clusterService;

  RootInfoAction(Supplier<ClusterService> clusterService) {
    this.clusterService = clusterService;
  }

  @Override
  public String getName() {
    return "sluice_root_info";
  }

  @Override
  public List<Route> routes() {
    return List.of(new Route(RestRequest.Method.GET, "/"),
        new Route(RestRequest.Method.HEAD, "/"));
  }

  @Override
  protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
    if (request.method() == RestRequest.Method.HEAD) {
      return channel -> channel.sendResponse(
          new RestResponse(RestStatus.OK, RestResponse.TEXT_CONTENT_TYPE, BytesArray.EMPTY));
    }
    return channel -> {
      XContentBuilder body = channel.newBuilder();
      write(body, clusterService.get());
      channel.sendResponse(new RestResponse(RestStatus.OK, body));
    };
  }

  private static void write(XContentBuilder body, ClusterService service) throws IOException {
    ClusterState state = service.state();
    Build build = Build.current();
    body.startObject()
        .field("name", service.getNodeName())
        .field("cluster_name", state.getClusterName().value())
        .field("cluster_uuid", state.metadata().clusterUUID())
        .startObject("version")
        .field("number", build.qualifiedVersion())
        .field("build_flavor", build.flavor())
        .field("build_type", build.type().displayName())
        .field("build_hash", build.hash())
        .field("build_date", build.date())
        .field("build_snapshot", build.isSnapshot())
        .field("lucene_version", org.apache.lucene.util.Version.LATEST.toString())
        .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
        .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
        .endObject()
        .field("tagline", TAGLINE)
        .endObject();
  }
}
