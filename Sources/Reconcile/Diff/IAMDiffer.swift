import Cloud
import DesiredState
import StatesLanguage

/// Compares desired IAM roles and managed policies with live ones.
///
/// Policy documents (trust, inline, managed) are compared after `PolicyNormalizer`: statement
/// order, string-versus-list and key order never show as a diff. IAM's defaults stand in for
/// what a manifest leaves out (empty description, one-hour sessions).
public enum IAMDiffer {
    /// Compares a role. Inline and attached policies are compared only when they were read.
    public static func compare(_ desired: RoleResource, _ live: LiveRole) -> ResourceComparison {
        var liveFields = [
            Field("trust", parsePolicy(live.role.assumeRolePolicyDocument), .resource, .policy),
            Field("description", .string(live.role.description), .resource),
            Field("maxSessionDuration", .int(Int64(live.role.maxSessionDuration)), .resource),
        ]
        let desiredFields = roleFields(desired, withPolicies: live.isDetailed)
        if let inline = live.inlinePolicies, let attached = live.attachedPolicies {
            for name in inline.keys.sorted() {
                liveFields.append(Field(JSONDiff.member("inline", name), parsePolicy(inline[name] ?? ""), .resource, .policy))
            }
            for policy in attached.sorted(by: { $0.policyArn < $1.policyArn }) {
                liveFields.append(Field(JSONDiff.member("policies", policyName(policy.policyArn)), .string(policy.policyArn), .resource))
            }
        }
        liveFields += Field.map("tags", ResourceTags.comparable(live.role.tags), .resource)
        let diffs = FieldComparer.diffs(desired: desiredFields, live: liveFields)
        return ResourceComparison(diffs: diffs, newVersion: false)
    }

    /// Compares a managed policy: its default version's document (a new version when it
    /// differs) and tags. The description cannot be changed in IAM, so it is not compared.
    public static func compare(_ desired: PolicyResource, _ live: LivePolicy) -> ResourceComparison {
        var desiredFields = Field.map("tags", ResourceTags.desired([:]), .resource)
        var liveFields = Field.map("tags", ResourceTags.comparable(live.policy.tags), .resource)
        if let document = live.defaultDocument {
            desiredFields.insert(Field("document", desired.document, .version, .policy), at: 0)
            liveFields.insert(Field("document", parsePolicy(document), .version, .policy), at: 0)
        }
        let diffs = FieldComparer.diffs(desired: desiredFields, live: liveFields)
        return ResourceComparison(diffs: diffs, newVersion: diffs.contains { $0.scope == .version })
    }

    /// The desired fields of a role: trust, description, session duration, inline and attached
    /// policies (when `withPolicies`), tags.
    static func roleFields(_ desired: RoleResource, withPolicies: Bool = true) -> [Field] {
        var fields = [
            Field("trust", desired.trustPolicy, .resource, .policy),
            Field("description", .string(desired.spec.description), .resource),
            Field("maxSessionDuration", .int(Int64(desired.spec.maxSessionDuration)), .resource),
        ]
        for name in desired.inlinePolicies.keys.sorted() where withPolicies {
            fields.append(Field(JSONDiff.member("inline", name), desired.inlinePolicies[name] ?? .emptyObject, .resource, .policy))
        }
        for arn in desired.managedPolicyARNs.sorted() where withPolicies {
            fields.append(Field(JSONDiff.member("policies", policyName(arn)), .string(arn), .resource))
        }
        fields += Field.map("tags", ResourceTags.desired([:]), .resource)
        return fields
    }

    /// A policy document's text as JSON; text that is not JSON is compared as a string.
    static func parsePolicy(_ text: String) -> JSONValue {
        (try? JSONValue(parsing: text)) ?? .string(text)
    }

    /// The policy name at the end of a policy ARN.
    static func policyName(_ arn: String) -> String {
        String(arn.split(separator: "/").last ?? Substring(arn))
    }
}
