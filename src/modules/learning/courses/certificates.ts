// The certificate of attendance: see the area's README.
export {};
