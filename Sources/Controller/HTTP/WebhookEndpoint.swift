import CoreMetrics
import Foundation
import Hummingbird

/// `POST /hooks/git`: a push webhook.
///
/// 413 when the body is over the limit; 401 when a secret is configured and the signature is
/// missing or wrong (for every controller the push concerns); 400 when the body is not a push
/// payload; otherwise 202 with the controllers that will fetch at once (possibly none, with why).
struct WebhookEndpoint: Sendable {
    let handles: [ControllerHandle]
    let hub: MetricsHub
    let maxBytes: Int

    func handle(_ request: Request) async -> Response {
        let response = await respond(request)
        CoreMetrics.Counter(label: MetricName.webhooks, dimensions: [("status", String(response.status.code))], factory: hub.factory).increment()
        return response
    }

    private func respond(_ request: Request) async -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes {
            return tooLarge()
        }
        let body: [UInt8]
        do {
            var buffer = try await request.body.collect(upTo: maxBytes)
            body = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            return tooLarge()
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        var verdicts: [ObjectIdentifier: WebhookSignature.Verdict] = [:]
        for handle in handles {
            verdicts[ObjectIdentifier(handle)] = handle.secret.map { WebhookSignature.verify(body: body, headers: headers, secret: $0) } ?? .valid
        }
        let accepted = handles.filter { verdicts[ObjectIdentifier($0)] == .valid }
        if accepted.isEmpty { return unauthorized(verdicts.values.contains(.invalid)) }
        let event: PushEvent
        do {
            event = try PushEvent.parse(body)
        } catch {
            return StatusServer.json(.badRequest, ["error": "malformed payload: \(error)"])
        }
        let concerned = handles.filter { event.matches($0.definition.source) }
        let triggered = concerned.filter { verdicts[ObjectIdentifier($0)] == .valid }
        if !concerned.isEmpty && triggered.isEmpty {
            return unauthorized(concerned.contains { verdicts[ObjectIdentifier($0)] == .invalid })
        }
        for handle in triggered { handle.trigger() }
        var object: [String: Any] = ["triggered": triggered.map(\.definition.name)]
        if triggered.isEmpty {
            let repository = event.repositoryURLs.first ?? "an unnamed repository"
            object["message"] = event.branch == nil
                ? "not a branch push (ref \(event.ref ?? "none")); nothing to do"
                : "no controller follows \(repository) branch \(event.branch ?? "")"
        }
        if let after = event.after { object["after"] = after }
        return StatusServer.json(.accepted, object)
    }

    private func tooLarge() -> Response {
        StatusServer.json(.contentTooLarge, ["error": "the payload is larger than \(maxBytes) bytes; send push events only"])
    }

    private func unauthorized(_ wrong: Bool) -> Response {
        StatusServer.json(.unauthorized, ["error": wrong
            ? "the signature does not match: check that the forge and the controller share the same secret"
            : "the request carries no signature: configure the webhook's secret (X-Hub-Signature-256, X-Gitea-Signature or X-Gitlab-Token)"])
    }
}
