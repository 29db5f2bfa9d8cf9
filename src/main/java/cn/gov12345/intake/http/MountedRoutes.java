package cn.gov12345.intake.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a port's router mounted, as {@code "METHOD path"} lines ({@code "* path"} for a route of any
 * method; {@code routeWithRegex} routes and path-less middleware left out), kept in the Vert.x
 * instance's local shared data. The OpenAPI coverage test reads them from a running gateway, so a
 * route mounted without a document fails the build.
 */
public final class MountedRoutes {

  private static final String MAP = "intake.routes.";

  private MountedRoutes() {}

  /** Records the router's routes under the port's name ({@code public}, {@code management}). */
  static void publish(Vertx vertx, String port, Router router) {
    LocalMap<String, Boolean> map = vertx.sharedData().getLocalMap(MAP + port);
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null) {
        continue;
      }
      Set<HttpMethod> methods = route.methods();
      if (methods == null || methods.isEmpty()) {
        map.put("* " + path, Boolean.TRUE);
      } else {
        methods.forEach(m -> map.put(m.name() + " " + path, Boolean.TRUE));
      }
    }
  }

  /** The routes recorded for the port, sorted. */
  public static List<String> of(Vertx vertx, String port) {
    return List.copyOf(
        new TreeSet<>(vertx.sharedData().<String, Boolean>getLocalMap(MAP + port).keySet()));
  }
}
