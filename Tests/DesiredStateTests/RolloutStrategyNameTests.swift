import DesiredState
import Testing

/// Strategy names as CodeDeploy spells them: `Canary<P>Percent<M>Minute[s]`,
/// `Linear<P>PercentEvery<M>Minute[s]`, `AllAtOnce`; anything else is no strategy.
struct RolloutStrategyNameTests {
    @Test func namedStrategies_areRead() {
        #expect(RolloutStrategy(name: "AllAtOnce") == .allAtOnce)
        #expect(RolloutStrategy(name: "Canary10Percent5Minutes") == .canary(percent: 10, minutes: 5))
        #expect(RolloutStrategy(name: "Canary10Percent1Minute") == .canary(percent: 10, minutes: 1))
        #expect(RolloutStrategy(name: "Linear10PercentEvery1Minute") == .linear(percent: 10, everyMinutes: 1))
        #expect(RolloutStrategy(name: "Linear5PercentEvery10Minutes") == .linear(percent: 5, everyMinutes: 10))
        #expect(RolloutStrategy(name: "Canary999999Percent999999Minutes") == .canary(percent: 999_999, minutes: 999_999))
    }

    @Test(arguments: ["", "Canary", "Canary10Percent", "Canary10Percent5", "Canary10Percent5Minutess", "canary10Percent5Minutes",
                      "Canary10Percent5Minutes ", "Canary1234567Percent5Minutes", "CanaryPercent5Minutes", "Linear10Percent1Minute",
                      "Linear10PercentEvery1Hour", "AllAtOnce2", "Cañary10Percent5Minutes"])
    func otherNames_areNoStrategy(_ name: String) {
        #expect(RolloutStrategy(name: name) == nil)
    }
}
