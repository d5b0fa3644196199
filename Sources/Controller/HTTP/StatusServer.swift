import CoreMetrics
import Foundation
import Hummingbird
import Logging

/// The daemon's HTTP endpoints (Hummingbird), on 127.0.0.1 by default:
///
/// - `GET /healthz`: 200 while the process serves requests.
/// - `GET /readyz`: 200 once every controller finished a pass, 503 before (and while stopping).
/// - `GET /status`: the `DaemonStatus` document (JSON).
/// - `GET /metrics`: Prometheus text format 0.0.4.
/// - `POST /hooks/git`: push webhooks from GitHub, Gitea and GitLab (see `WebhookEndpoint`).
public struct StatusServer: Sendable {
    /// The controllers served.
    public let handles: [ControllerHandle]
    /// The metrics exposed.
    public let hub: MetricsHub
    /// The largest webhook body accepted, in bytes.
    public let maxWebhookBytes: Int
    /// When the daemon started.
    public let startedAt: Date
    /// The address, once bound (`127.0.0.1:port`).
    let address: LockedBox<String>

    /// Creates the endpoints.
    public init(handles: [ControllerHandle], hub: MetricsHub, maxWebhookBytes: Int = 1 << 20, startedAt: Date = Date()) {
        self.handles = handles
        self.hub = hub
        self.maxWebhookBytes = maxWebhookBytes
        self.startedAt = startedAt
        self.address = LockedBox("")
    }

    /// The router with every endpoint.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let server = self
        router.get("/healthz") { _, _ in
            StatusServer.text("ok\n")
        }
        router.get("/readyz") { _, _ in
            server.readiness()
        }
        router.get("/status") { _, _ in
            server.statusResponse()
        }
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: server.hub.exposition())))
        }
        router.post("/hooks/git") { request, _ in
            await WebhookEndpoint(handles: server.handles, hub: server.hub, maxBytes: server.maxWebhookBytes).handle(request)
        }
        return router
    }

    /// The `/status` document now.
    public func status() -> DaemonStatus {
        DaemonStatus(pid: getpid(), startedAt: startedAt, address: address.value, controllers: handles.map(\.status))
    }

    func statusResponse() -> Response {
        let data = (try? DaemonStatus.encoder.encode(status())) ?? Data("{}".utf8)
        return StatusServer.json(.ok, data)
    }

    func readiness() -> Response {
        let waiting = handles.filter { !$0.status.isReady }.map(\.definition.name)
        let object: [String: Any] = ["ready": waiting.isEmpty, "waiting": waiting]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return StatusServer.json(waiting.isEmpty ? .ok : .serviceUnavailable, data)
    }

    /// A plain-text response.
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A JSON response.
    static func json(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        var body = data
        body.append(UInt8(ascii: "\n"))
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A JSON object response.
    static func json(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        json(status, (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8))
    }
}
