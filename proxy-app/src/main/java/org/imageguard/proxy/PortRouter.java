package org.imageguard.proxy;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Sends requests of the admin connector to the admin handler and all others to the public handler, so the public
 * port can never reach {@code /metrics} or {@code /healthz}, whatever the path or Host header.
 */
final class PortRouter extends Handler.Abstract {

    private final Connector admin;
    private final Handler adminHandler;
    private final Handler publicHandler;

    /** {@code admin} may be null when the admin port is disabled. */
    PortRouter(Connector admin, Handler adminHandler, Handler publicHandler) {
        this.admin = admin;
        this.adminHandler = adminHandler;
        this.publicHandler = publicHandler;
        addBean(adminHandler);
        addBean(publicHandler);
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        adminHandler.setServer(server);
        publicHandler.setServer(server);
    }

    /** Non-blocking when both ports' handlers are: Jetty then calls them on the thread that read the request. */
    @Override
    public InvocationType getInvocationType() {
        return Invocable.combine(adminHandler.getInvocationType(), publicHandler.getInvocationType());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean isAdmin = admin != null && request.getConnectionMetaData().getConnector() == admin;
        return (isAdmin ? adminHandler : publicHandler).handle(request, response, callback);
    }
}
