/**
 * CREMA-D actor demographics, embedded as data from the corpus's published `VideoDemographics.csv`
 * (github.com/CheyneyComputerScience/CREMA-D; 91 actors 1001–1091: 48 male, 43 female).
 * Columns: ActorID, Age, Sex, Race, Ethnicity — exactly as published.
 */

/** One row of VideoDemographics.csv. */
export interface CremaDActor {
  /** Actor id, 1001–1091. */
  actorId: number;
  /** Age in years at recording. */
  age: number;
  /** Sex as published. */
  sex: 'Male' | 'Female';
  /** Race as published. */
  race: string;
  /** Ethnicity as published. */
  ethnicity: string;
}

// prettier-ignore
const VIDEO_DEMOGRAPHICS_CSV_ROWS: ReadonlyArray<readonly [number, number, 'Male' | 'Female', string, string]> = [
  [1001, 51, 'Male', 'Caucasian', 'Not Hispanic'],
  [1002, 21, 'Female', 'Caucasian', 'Not Hispanic'],
  [1003, 21, 'Female', 'Caucasian', 'Not Hispanic'],
  [1004, 42, 'Female', 'Caucasian', 'Not Hispanic'],
  [1005, 29, 'Male', 'African American', 'Not Hispanic'],
  [1006, 58, 'Female', 'Caucasian', 'Not Hispanic'],
  [1007, 38, 'Female', 'African American', 'Not Hispanic'],
  [1008, 46, 'Female', 'Caucasian', 'Not Hispanic'],
  [1009, 24, 'Female', 'Caucasian', 'Not Hispanic'],
  [1010, 27, 'Female', 'Caucasian', 'Not Hispanic'],
  [1011, 32, 'Male', 'Caucasian', 'Not Hispanic'],
  [1012, 23, 'Female', 'Caucasian', 'Not Hispanic'],
  [1013, 22, 'Female', 'Caucasian', 'Hispanic'],
  [1014, 24, 'Male', 'Caucasian', 'Not Hispanic'],
  [1015, 32, 'Male', 'African American', 'Not Hispanic'],
  [1016, 61, 'Male', 'Caucasian', 'Not Hispanic'],
  [1017, 42, 'Male', 'Caucasian', 'Not Hispanic'],
  [1018, 25, 'Female', 'Caucasian', 'Hispanic'],
  [1019, 29, 'Male', 'Asian', 'Not Hispanic'],
  [1020, 61, 'Female', 'Caucasian', 'Not Hispanic'],
  [1021, 30, 'Female', 'Caucasian', 'Not Hispanic'],
  [1022, 22, 'Male', 'Caucasian', 'Not Hispanic'],
  [1023, 22, 'Male', 'Caucasian', 'Not Hispanic'],
  [1024, 59, 'Female', 'Caucasian', 'Not Hispanic'],
  [1025, 48, 'Female', 'Caucasian', 'Not Hispanic'],
  [1026, 33, 'Male', 'Caucasian', 'Not Hispanic'],
  [1027, 44, 'Male', 'Caucasian', 'Not Hispanic'],
  [1028, 57, 'Female', 'Caucasian', 'Not Hispanic'],
  [1029, 33, 'Female', 'African American', 'Not Hispanic'],
  [1030, 42, 'Female', 'African American', 'Not Hispanic'],
  [1031, 31, 'Male', 'Caucasian', 'Hispanic'],
  [1032, 30, 'Male', 'African American', 'Not Hispanic'],
  [1033, 31, 'Male', 'Caucasian', 'Not Hispanic'],
  [1034, 74, 'Male', 'Caucasian', 'Not Hispanic'],
  [1035, 48, 'Male', 'Caucasian', 'Not Hispanic'],
  [1036, 49, 'Male', 'African American', 'Not Hispanic'],
  [1037, 45, 'Female', 'Caucasian', 'Not Hispanic'],
  [1038, 21, 'Male', 'African American', 'Not Hispanic'],
  [1039, 51, 'Male', 'African American', 'Not Hispanic'],
  [1040, 42, 'Male', 'Caucasian', 'Not Hispanic'],
  [1041, 42, 'Male', 'Caucasian', 'Not Hispanic'],
  [1042, 37, 'Male', 'African American', 'Not Hispanic'],
  [1043, 25, 'Female', 'Caucasian', 'Hispanic'],
  [1044, 40, 'Male', 'Caucasian', 'Not Hispanic'],
  [1045, 22, 'Male', 'Asian', 'Not Hispanic'],
  [1046, 22, 'Female', 'Caucasian', 'Hispanic'],
  [1047, 22, 'Female', 'Unknown', 'Hispanic'],
  [1048, 38, 'Male', 'Caucasian', 'Hispanic'],
  [1049, 25, 'Female', 'Caucasian', 'Hispanic'],
  [1050, 62, 'Male', 'African American', 'Not Hispanic'],
  [1051, 56, 'Male', 'Caucasian', 'Not Hispanic'],
  [1052, 33, 'Female', 'Caucasian', 'Not Hispanic'],
  [1053, 35, 'Female', 'Caucasian', 'Not Hispanic'],
  [1054, 36, 'Female', 'Caucasian', 'Not Hispanic'],
  [1055, 57, 'Female', 'Caucasian', 'Not Hispanic'],
  [1056, 52, 'Female', 'African American', 'Not Hispanic'],
  [1057, 25, 'Male', 'Caucasian', 'Not Hispanic'],
  [1058, 36, 'Female', 'Caucasian', 'Not Hispanic'],
  [1059, 21, 'Male', 'African American', 'Not Hispanic'],
  [1060, 28, 'Female', 'African American', 'Not Hispanic'],
  [1061, 51, 'Female', 'African American', 'Not Hispanic'],
  [1062, 56, 'Male', 'Caucasian', 'Not Hispanic'],
  [1063, 33, 'Female', 'African American', 'Not Hispanic'],
  [1064, 53, 'Male', 'Caucasian', 'Not Hispanic'],
  [1065, 38, 'Male', 'Caucasian', 'Not Hispanic'],
  [1066, 25, 'Male', 'Caucasian', 'Not Hispanic'],
  [1067, 66, 'Male', 'Caucasian', 'Not Hispanic'],
  [1068, 34, 'Male', 'Caucasian', 'Not Hispanic'],
  [1069, 27, 'Male', 'Caucasian', 'Not Hispanic'],
  [1070, 25, 'Male', 'African American', 'Not Hispanic'],
  [1071, 41, 'Male', 'Caucasian', 'Not Hispanic'],
  [1072, 33, 'Female', 'Asian', 'Not Hispanic'],
  [1073, 24, 'Female', 'African American', 'Hispanic'],
  [1074, 31, 'Female', 'African American', 'Not Hispanic'],
  [1075, 40, 'Female', 'Caucasian', 'Not Hispanic'],
  [1076, 25, 'Female', 'Caucasian', 'Not Hispanic'],
  [1077, 20, 'Male', 'Caucasian', 'Not Hispanic'],
  [1078, 21, 'Female', 'Caucasian', 'Not Hispanic'],
  [1079, 21, 'Female', 'Caucasian', 'Hispanic'],
  [1080, 21, 'Male', 'African American', 'Not Hispanic'],
  [1081, 30, 'Male', 'Asian', 'Not Hispanic'],
  [1082, 20, 'Female', 'Caucasian', 'Not Hispanic'],
  [1083, 45, 'Male', 'African American', 'Not Hispanic'],
  [1084, 46, 'Female', 'Caucasian', 'Not Hispanic'],
  [1085, 34, 'Male', 'Asian', 'Not Hispanic'],
  [1086, 33, 'Male', 'Caucasian', 'Not Hispanic'],
  [1087, 62, 'Male', 'Caucasian', 'Not Hispanic'],
  [1088, 23, 'Male', 'African American', 'Not Hispanic'],
  [1089, 24, 'Female', 'Caucasian', 'Not Hispanic'],
  [1090, 50, 'Male', 'Asian', 'Not Hispanic'],
  [1091, 29, 'Female', 'Asian', 'Not Hispanic'],
];

/** CREMA-D actors by id (from VideoDemographics.csv). */
export const CREMA_D_ACTORS: ReadonlyMap<number, CremaDActor> = new Map(
  VIDEO_DEMOGRAPHICS_CSV_ROWS.map(([actorId, age, sex, race, ethnicity]) => [
    actorId,
    { actorId, age, sex, race, ethnicity },
  ]),
);
