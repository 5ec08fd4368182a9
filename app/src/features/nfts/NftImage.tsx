import { useNftJson } from "./useNfts";
import "./nfts.css";

/** The NFT's picture from its metadata JSON, with a lettered placeholder while it loads. */
export function NftImage({ uri, name }: { uri: string | undefined; name: string }) {
  const json = useNftJson(uri);
  const image = json.data?.image;
  return image ? (
    <img className="nft-image" src={image} alt="" loading="lazy" width={256} height={256} />
  ) : (
    <div className="nft-image nft-placeholder" aria-hidden="true">
      {name.replace(/[^A-Za-z0-9#]/g, "").slice(0, 3) || "NFT"}
    </div>
  );
}
