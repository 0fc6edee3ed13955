package io.agentmesh.verticles.auth;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The first administrator, from configuration ({@code auth.bootstrap_admin_*}, the password from the environment),
 * created only while no administrator exists. There are no default credentials.
 */
final class AdminBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private final AuthOptions options;
  private final UserStore users;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final AuditLog audit;

  AdminBootstrap(AuthOptions options, UserStore users, PasswordHasher hasher, PasswordPolicy policy,
                 AuditLog audit) {
    this.options = options;
    this.users = users;
    this.hasher = hasher;
    this.policy = policy;
    this.audit = audit;
  }

  Future<Void> run() {
    if (options.bootstrapAdminUsername().isBlank() || options.bootstrapAdminPassword().isBlank()) {
      return Future.succeededFuture();
    }
    return users.anyAdmin().compose(exists -> {
      if (exists) {
        return Future.succeededFuture();
      }
      policy.check("auth.bootstrap_admin_password", options.bootstrapAdminPassword());
      String email = options.bootstrapAdminEmail().isBlank()
        ? options.bootstrapAdminUsername() + "@localhost" : options.bootstrapAdminEmail();
      return hasher.hash(options.bootstrapAdminPassword())
        .compose(hash -> users.insert(options.bootstrapAdminUsername(), email, hash, List.of("admin", "user")))
        .compose(admin -> audit.record("user.bootstrap_admin", admin.id(), null, null, null))
        .onSuccess(ok -> LOG.info("Created the first administrator {}", options.bootstrapAdminUsername()))
        .recover(failure -> {
          // another node created it at the same moment, or the name is taken: either way, carry on
          LOG.warn("Bootstrap administrator not created: {}", failure.getMessage());
          return Future.succeededFuture();
        });
    });
  }
}
