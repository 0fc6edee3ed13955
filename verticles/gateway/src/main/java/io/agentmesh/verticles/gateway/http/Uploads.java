package io.agentmesh.verticles.gateway.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Files sent as {@code multipart/form-data} to the documents route: read only once the caller is admitted (the
 * request stays paused until then), up to their own limit (not the JSON body limit), into a temporary directory
 * whose files are deleted when the request ends.
 */
public final class Uploads {

  private static final Pattern DOCUMENTS = Pattern.compile("^/api/v1/collections/[^/]+/documents$");

  private final BodyHandler files;

  public Uploads(long limitBytes) {
    this.files = BodyHandler.create(Path.of(System.getProperty("java.io.tmpdir"), "agentmesh-uploads").toString())
      .setBodyLimit(limitBytes).setDeleteUploadedFilesOnEnd(true);
  }

  /** A multipart POST to the documents route: its body waits for {@link #read}. */
  public static boolean isUpload(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return "POST".equals(ctx.request().method().name()) && type != null
      && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
      && DOCUMENTS.matcher(ctx.request().path()).matches();
  }

  /** Reads an admitted upload's body; a request that is not one goes on as it is. */
  public void read(RoutingContext ctx) {
    if (isUpload(ctx)) {
      files.handle(ctx);
    } else {
      ctx.next();
    }
  }
}
