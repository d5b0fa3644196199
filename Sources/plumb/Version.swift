/// The version of this build of plumb.
enum PlumbVersion {
    static let string = "0.1.0"
}
