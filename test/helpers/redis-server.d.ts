export declare const noRedis: string | undefined;
export declare function freePort(): Promise<number>;
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}
export declare function startRedis(): Promise<TestRedis>;
